package org.fargatedsp.awstesting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fargatedsp.awstesting.MotoServer.Serving;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The harness itself: a real moto server, reset between tests, stopped and restarted on its port, clear failures,
 * and conditional writes as atomic as DynamoDB's.
 */
@ExtendWith(MotoExtension.class)
class MotoServerTest {
    /** Writers racing for one item's room for one; rounds of them, each on an item of its own. */
    private static final int RACERS = 16;
    private static final int ROUNDS = 20;
    /**
     * The race's condition: the grant's, then clauses on attributes the item never has, which widen the time moto
     * takes between reading the absent item and writing the one it creates (the race's window), so that a race shows
     * in a few rounds, not a few hundred.
     */
    private static final String CONDITION = "(attribute_not_exists(grants) OR grants < :one)"
            + " AND (attribute_not_exists(unset) OR unset < :one)".repeat(30);
    /** Moto as it ships let writes race in one round of two here (52 of 100): 40 rounds all clean is ~1e-13. */
    private static final int ROUNDS_TO_CATCH_A_RACE = 40;

    @TempDir
    Path dir;

    @Test
    void theSharedServerAnswersTheSdkClientAndAResetForgetsItsTables(DynamoDbClient dynamoDb, MotoServer moto) {
        createTable(dynamoDb, "first");
        assertThat(dynamoDb.listTables().tableNames()).containsExactly("first");
        assertThat(moto.awsEnvironment()).containsEntry("AWS_ENDPOINT_URL", moto.endpoint().toString())
                .containsEntry("AWS_REGION", "us-east-1");

        moto.reset();

        assertThat(dynamoDb.listTables().tableNames()).isEmpty();
    }

    @Test
    void eachTestStartsWithNoTables(DynamoDbClient dynamoDb) {
        assertThat(dynamoDb.listTables().tableNames()).isEmpty();
        createTable(dynamoDb, "left-behind");
    }

    @Test
    void aStoppedServerRefusesConnectionsAndARestartedOneAnswersOnTheSamePortEmpty() {
        try (MotoServer moto = MotoServer.start()) {
            int port = moto.port();
            DynamoDbClient dynamoDb = moto.dynamoDb();
            createTable(dynamoDb, "before");

            moto.stop();

            assertThat(moto.running()).isFalse();
            assertThatThrownBy(dynamoDb::listTables).isInstanceOf(SdkClientException.class);

            moto.restart();

            assertThat(moto.port()).isEqualTo(port);
            assertThat(dynamoDb.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void aRestartSaysSoWhenAnotherProcessTookThePort() throws IOException {
        MotoServer moto = new MotoServer(MotoServer.defaultPython(), Duration.ofSeconds(3));
        try (moto) {
            moto.ensureRunning();
            int port = moto.port();
            moto.stop();
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.setReuseAddress(true);
                squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

                assertThatThrownBy(moto::restart).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot listen on port " + port + " again");
            }
        }
    }

    @Test
    void servedOneAtATimeRacingConditionalWritesToOneItemPassOnlyOnce(DynamoDbClient dynamoDb) throws Exception {
        createTable(dynamoDb, "room");
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(race(dynamoDb, racers, round)).as("round %d: writes passed, grants the item counts",
                        round).containsExactly(1, 1);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aConnectionThatSendsNothingDoesNotHoldTheServerFromOthers(DynamoDbClient dynamoDb, MotoServer moto)
            throws IOException {
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), moto.port())) {
            assertThat(silent.isConnected()).isTrue();

            assertThat(dynamoDb.listTables().tableNames()).as("answered while a connection sends nothing").isEmpty();
        }
    }

    /** Why {@link Serving#ONE_AT_A_TIME} exists: should moto ever make its writes atomic, this fails, and it can go. */
    @Test
    void servedConcurrentlyRacingConditionalWritesToOneItemCanBothPass() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try (MotoServer moto = MotoServer.start(Serving.CONCURRENTLY)) {
            createTable(moto.dynamoDb(), "room");
            int round = 0;
            int[] outcome = {1, 1};
            while (round < ROUNDS_TO_CATCH_A_RACE && outcome[0] == 1 && outcome[1] == 1) {
                outcome = race(moto.dynamoDb(), racers, round++);
            }
            assertThat(outcome).as("writes passed and grants counted in the first of %d rounds that was not "
                    + "one and one", round).isNotEqualTo(new int[] {1, 1});
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void withoutPythonStartingFailsSayingHowToInstallMoto() {
        MotoServer moto = new MotoServer(dir.resolve("no-python").toString(), Duration.ofSeconds(5));

        assertThatThrownBy(moto::ensureRunning).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pip install 'moto[server]'").hasMessageContaining("MOTO_PYTHON");
    }

    @Test
    void withoutMotoStartingFailsSayingHowToInstallIt() throws IOException {
        // A Python that does not see its site-packages, where moto is installed.
        Path python = dir.resolve("python-without-site");
        Files.writeString(python, "#!/bin/sh\nexec " + MotoServer.defaultPython() + " -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        MotoServer moto = new MotoServer(python.toString(), Duration.ofSeconds(30));

        assertThatThrownBy(moto::ensureRunning).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moto (with its server extras) is not installed")
                .hasMessageContaining("pip install 'moto[server]'").hasMessageContaining("No module named");
    }

    /**
     * {@link #RACERS} writers let go together on item {@code round} of table {@code room}, each asking for the only
     * grant it has room for: {@code ADD grants :one} on {@link #CONDITION}. Returns how many writes passed, and how
     * many grants the item counts after.
     */
    private static int[] race(DynamoDbClient dynamoDb, ExecutorService racers, int round) throws Exception {
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("item-" + round));
        CyclicBarrier together = new CyclicBarrier(RACERS);
        List<Future<Boolean>> writes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            writes.add(racers.submit(() -> {
                together.await();
                try {
                    dynamoDb.updateItem(b -> b.tableName("room").key(key).updateExpression("ADD grants :one")
                            .conditionExpression(CONDITION)
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    return true;
                } catch (ConditionalCheckFailedException e) {
                    return false;
                }
            }));
        }
        int passed = 0;
        for (Future<Boolean> write : writes) {
            passed += write.get() ? 1 : 0;
        }
        AttributeValue grants = dynamoDb.getItem(b -> b.tableName("room").key(key).consistentRead(true)).item()
                .get("grants");
        return new int[] {passed, Integer.parseInt(grants.n())};
    }

    private static void createTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }
}
