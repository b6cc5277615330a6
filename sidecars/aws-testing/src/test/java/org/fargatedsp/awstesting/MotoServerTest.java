package org.fargatedsp.awstesting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The harness itself: a real moto server, reset between tests, stopped and restarted on its port, clear failures. */
@ExtendWith(MotoExtension.class)
class MotoServerTest {
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

    private static void createTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }
}
