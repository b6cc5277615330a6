package org.fargatedsp.awstesting;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 access to the {@link MotoServer#shared() shared moto server}: before each test it starts the server if
 * it is not running (a test before may have stopped it) and resets it, so every test starts with no tables. Test
 * methods and constructors may take a {@link MotoServer} or a {@link DynamoDbClient} parameter.
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * class CampaignTableTest {
 *     @Test
 *     void createsTheTable(DynamoDbClient dynamoDb, MotoServer moto) { ... moto.endpoint() ... }
 * }
 * }</pre>
 *
 * Or, to reach the server from fields and helpers, {@code @RegisterExtension static final MotoExtension MOTO = new
 * MotoExtension();} and {@link #server()}, {@link #dynamoDb()}. Tests that share the server must not run in
 * parallel with each other: each reset empties it for all.
 */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {

    /** The shared server, started if need be. */
    public MotoServer server() {
        MotoServer server = MotoServer.shared();
        server.ensureRunning();
        return server;
    }

    /** The shared server's DynamoDB client. */
    public DynamoDbClient dynamoDb() {
        return server().dynamoDb();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MotoServer.class || type == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class ? server() : dynamoDb();
    }
}
