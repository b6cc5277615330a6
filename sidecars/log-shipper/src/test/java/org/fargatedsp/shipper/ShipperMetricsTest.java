package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.datadog.DatadogMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.metrics.FakeHttpServer;
import org.fargatedsp.metrics.TaskMeters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper's meters go the way ShipperMain sends them: to a Datadog intake played by a local server, tagged
 * with the ECS task read from a fake task metadata endpoint, under the shipper's own service name.
 */
class ShipperMetricsTest {
    @TempDir
    Path root;

    @Test
    void postsTheShippersMetersTaggedWithTheEcsTaskToTheIntake() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            lines.add(bid("t1", n, T0 + n));
        }
        TestWriter.readyFile(logs, "t1", 1, lines.subList(0, 100));
        TestWriter.readyFile(logs, "t1", 2, lines.subList(100, 300));
        long bytes = 0;
        for (String line : lines) {
            bytes += line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        try (FakeHttpServer ecs = FakeHttpServer.ecsTaskMetadata(); FakeHttpServer intake = new FakeHttpServer()) {
            intake.respond(202, "{\"errors\":[]}");
            Map<String, String> env = new HashMap<>();
            env.put("BID_LOG_DIR", logs.toString());
            env.put("SINK", "dir");
            env.put("SHIPPER_OUTPUT_DIR", root.resolve("out").toString());
            env.put("SHIPPER_POLL_INTERVAL_MS", "10");
            env.put("DD_API_KEY", "test-api-key");
            env.put("DD_URL", intake.baseUri());
            env.put("DD_ENV", "prod");
            env.put("DD_VERSION", "1.4.0");
            // A step of an hour: the only post is the one closing makes, so the values are exactly what was shipped.
            env.put("DD_STEP_MS", "3600000");
            env.put("ECS_CONTAINER_METADATA_URI_V4", ecs.baseUri() + "/v4/abc");
            ShipperConfig config = ShipperConfig.fromEnv(env);

            TaskMeters meters = TaskMeters.start(config.metrics(), env);
            assertThat(meters.registry()).isInstanceOf(DatadogMeterRegistry.class);
            ShipperAssembly shipper = new ShipperAssembly(config, env, meters.registry(), System::currentTimeMillis);
            shipper.start();
            eventually("both files shipped").until(() -> BidLogFileNames.listReady(logs).isEmpty());
            assertThat(shipper.shutdown()).isTrue();
            meters.close();

            FakeHttpServer.Received post = intake.received().poll(30, TimeUnit.SECONDS);
            assertThat(post).isNotNull();
            assertThat(post.path()).isEqualTo("/api/v1/series");
            assertThat(post.query()).isEqualTo("api_key=test-api-key");
            Map<String, JsonNode> series = new HashMap<>();
            for (JsonNode s : new ObjectMapper().readTree(post.body()).get("series")) {
                Map<String, String> tags = tags(s);
                assertThat(tags).as(s.get("metric").asText()).containsAllEntriesOf(FakeHttpServer.ECS_TASK_TAGS)
                        .containsEntry("service", "fargate-dsp-log-shipper").containsEntry("version", "1.4.0")
                        .containsEntry("env", "prod");
                assertThat(s.has("host")).as("no series may create a billed Datadog host").isFalse();
                series.putIfAbsent(s.get("metric").asText(), s);
            }
            assertThat(value(series, "dsp.shipper.records.read")).isEqualTo(300);
            assertThat(value(series, "dsp.shipper.records.shipped")).isEqualTo(300);
            assertThat(value(series, "dsp.shipper.bytes.read")).isEqualTo(bytes);
            assertThat(value(series, "dsp.shipper.files.done")).isEqualTo(2);
            assertThat(value(series, "dsp.shipper.files.waiting")).isZero();
            assertThat(value(series, "dsp.shipper.dead_letters")).isZero();
            assertThat(series.keySet()).contains("dsp.shipper.lag", "dsp.shipper.bytes.waiting", "jvm.memory.used",
                    "jvm.gc.memory.allocated");
            assertThat(series.keySet()).anyMatch(m -> m.startsWith("dsp.shipper.sink.latency"));
        }
    }

    private static Map<String, String> tags(JsonNode series) {
        Map<String, String> tags = new HashMap<>();
        for (JsonNode t : series.path("tags")) {
            String tag = t.asText();
            int colon = tag.indexOf(':');
            tags.put(tag.substring(0, colon), tag.substring(colon + 1));
        }
        return tags;
    }

    private static double value(Map<String, JsonNode> series, String metric) {
        assertThat(series.keySet()).as(metric).contains(metric);
        return series.get(metric).get("points").get(0).get(1).asDouble();
    }
}
