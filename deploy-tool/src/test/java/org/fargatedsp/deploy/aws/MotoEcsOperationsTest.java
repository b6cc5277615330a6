package org.fargatedsp.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.config.AwsSettings;
import org.fargatedsp.deploy.taskdef.TemplateRenderer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The ECS adapter against moto's ECS emulation, where a Docker engine runs; skipped elsewhere. Its twin that runs
 * everywhere is {@link SdkAdaptersTest}, against the in-process simulator.
 */
@Testcontainers(disabledWithoutDocker = true)
class MotoEcsOperationsTest {
    @Container
    static final GenericContainer<?> MOTO = new GenericContainer<>("motoserver/moto:5.1.4").withExposedPorts(5000);

    @Test
    void registersDescribesListsAndDeregistersRevisions() {
        URI endpoint = URI.create("http://" + MOTO.getHost() + ":" + MOTO.getMappedPort(5000));
        try (AwsClients clients = AwsClients.create(new AwsSettings("eu-west-1", endpoint, endpoint, endpoint, 3,
                Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(100)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            SdkEcsOperations ecs = new SdkEcsOperations(clients.ecs());
            Map<String, String> vars = new HashMap<>();
            for (String key : List.of("ENV", "TASK_CPU", "TASK_MEMORY", "ACCOUNT_ID", "IMAGE", "DRAIN_MS",
                    "CAMPAIGNS_FILE", "NOTICE_BASE_URL", "DD_SITE", "VERSION", "DD_API_KEY_SECRET_ARN",
                    "NOTICE_KEYS_SECRET_ARN", "REGION", "LOG_SHIPPER_IMAGE", "BID_LOG_DELIVERY_STREAM",
                    "BID_CHECK_ENABLED")) {
                vars.put(key, "moto");
            }
            var request = TemplateRenderer.render(Path.of("..", "task-definitions", "bidder.json"), vars, "1.0.0");
            String first = ecs.registerTaskDefinition(request).taskDefinitionArn();
            String second = ecs.registerTaskDefinition(request).taskDefinitionArn();
            ecs.deregisterTaskDefinition(first);

            assertThat(ecs.describeTaskDefinition(second).tags()).anyMatch(t -> t.key().equals("version"));
            assertThat(ecs.listActiveRevisions("fargate-dsp-bidder-moto")).containsExactly(second);
        }
    }
}
