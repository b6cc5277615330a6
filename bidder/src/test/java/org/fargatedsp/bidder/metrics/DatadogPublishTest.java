package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.datadog.DatadogMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.RecordType;
import org.junit.jupiter.api.Test;
import org.fargatedsp.metrics.FakeHttpServer;
import org.fargatedsp.metrics.MetricsConfig;
import org.fargatedsp.metrics.MeterRegistries;
import org.fargatedsp.metrics.CommonTags;
import org.fargatedsp.metrics.EcsTaskMetadata;
import org.fargatedsp.metrics.EcsMetadataReader;

/** The whole metrics path against a fake Datadog intake and a fake ECS metadata endpoint, over real sockets. */
class DatadogPublishTest {
    private static final String TASK_ARN =
            "arn:aws:ecs:us-west-2:111122223333:task/dsp-prod/9781c248a0edd4cdb9a93f63cb662a5d3";

    @Test
    void postsEveryMeterTaggedWithTheEcsTaskToTheIntake() throws Exception {
        try (FakeHttpServer ecs = new FakeHttpServer(); FakeHttpServer intake = new FakeHttpServer()) {
            ecs.respond(200, FakeHttpServer.ECS_TASK);
            intake.respond(202, "{\"errors\":[]}");
            // A step of an hour: the only post is the one close() makes, so the values are exactly what was driven.
            BidderMetrics metrics = start(ecs, intake, "3600000");
            assertThat(metrics.registry()).isInstanceOf(DatadogMeterRegistry.class);

            metrics.bid();
            metrics.noBid(NoBidReason.BELOW_FLOOR);
            metrics.noBid(NoBidReason.BELOW_FLOOR);
            metrics.badRequest(BadRequestException.Kind.MALFORMED_JSON);
            metrics.response(200);
            metrics.response(204);
            metrics.response(400);
            metrics.latencyNanos(TimeUnit.MILLISECONDS.toNanos(2));
            metrics.latencyNanos(TimeUnit.MILLISECONDS.toNanos(4));
            metrics.bidPriceMicros(1_500_000);
            metrics.notice(RecordType.WIN);
            metrics.notice(RecordType.LOSS);
            metrics.spendCpmMicros(2_000_000);
            metrics.bindBidLog(new FixedBidLogStats(7, 2, 123_456, 3, false, false, 1000, 5));
            metrics.bindCampaigns(() -> 12, () -> 1_000, () -> 31_000);
            metrics.bindNettyAllocator(PooledByteBufAllocator.DEFAULT);
            metrics.close();

            FakeHttpServer.Received post = intake.received().poll(30, TimeUnit.SECONDS);
            assertThat(post).isNotNull();
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/api/v1/series");
            assertThat(post.query()).isEqualTo("api_key=test-api-key");
            List<Series> series = series(post.body());

            assertThat(series).allSatisfy(s -> {
                assertThat(s.tags()).containsAllEntriesOf(Map.of("cluster", "dsp-prod", "task_arn", TASK_ARN,
                        "task_family", "dsp-bidder", "task_revision", "42", "availability_zone", "us-west-2b",
                        "launch_type", "FARGATE", "version", "1.4.0", "env", "prod", "service", "dsp-bidder"));
                assertThat(s.host()).as("no series may create a billed Datadog host").isNull();
            });
            assertThat(value(series, "dsp.bidder.requests", "outcome", "nobid", "reason", "below_floor")).isEqualTo(2);
            assertThat(value(series, "dsp.bidder.requests", "outcome", "bid", "reason", "none")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.requests", "outcome", "error", "reason", "malformed_json"))
                    .isEqualTo(1);
            assertThat(value(series, "dsp.bidder.bad_requests", "kind", "malformed_json")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.http.responses", "status_class", "2xx")).isEqualTo(2);
            assertThat(value(series, "dsp.bidder.http.responses", "status_class", "4xx")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.request.latency.count")).isEqualTo(2);
            assertThat(value(series, "dsp.bidder.request.latency.sum")).isEqualTo(6.0);
            assertThat(value(series, "dsp.bidder.request.latency.max")).isEqualTo(4.0);
            assertThat(find(series, "dsp.bidder.request.latency.percentile")).extracting(s -> s.tags().get("phi"))
                    .containsExactlyInAnyOrder("0.5", "0.9", "0.99", "0.999");
            assertThat(value(series, "dsp.bidder.request.latency.histogram", "le", "2")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.request.latency.histogram", "le", "5")).isEqualTo(2);
            assertThat(value(series, "dsp.bidder.request.latency.histogram", "le", "1")).isEqualTo(0);
            assertThat(value(series, "dsp.bidder.bid.price.sum")).isEqualTo(1.5);
            assertThat(value(series, "dsp.bidder.notices", "type", "win")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.notices", "type", "loss")).isEqualTo(1);
            assertThat(value(series, "dsp.bidder.notices", "type", "billing")).isEqualTo(0);
            assertThat(value(series, "dsp.bidder.spend")).isEqualTo(0.002);
            assertThat(value(series, "dsp.bidder.campaigns.active")).isEqualTo(12);
            assertThat(value(series, "dsp.bidder.campaigns.age")).isEqualTo(30);
            assertThat(value(series, "dsp.bidder.bidlog.queue.depth")).isEqualTo(7);
            assertThat(value(series, "dsp.bidder.bidlog.disk.bytes")).isEqualTo(123_456);
            assertThat(value(series, "dsp.bidder.bidlog.files.publishing")).isEqualTo(2);
            assertThat(value(series, "dsp.bidder.bidlog.disk.files")).isEqualTo(3);
            assertThat(value(series, "dsp.bidder.bidlog.dropped", "cause", "queue_full")).isEqualTo(5);
            assertThat(value(series, "dsp.bidder.bidlog.written")).isEqualTo(1000);
            assertThat(series).extracting(Series::metric).contains("jvm.memory.used", "jvm.gc.memory.allocated",
                    "jvm.threads.live", "netty.allocator.memory.used");
            assertThat(find(series, "dsp.bidder.requests")).allSatisfy(s -> assertThat(s.type()).isEqualTo("count"));
            assertThat(find(series, "dsp.bidder.bidlog.queue.depth"))
                    .allSatisfy(s -> assertThat(s.type()).isEqualTo("gauge"));
        }
    }

    @Test
    void postsOnEveryStepWithoutBeingClosed() throws Exception {
        try (FakeHttpServer ecs = new FakeHttpServer(); FakeHttpServer intake = new FakeHttpServer()) {
            ecs.respond(200, FakeHttpServer.ECS_TASK);
            intake.respond(202, "{}");
            BidderMetrics metrics = start(ecs, intake, "100");
            try {
                metrics.noBid(NoBidReason.NO_MATCH);

                FakeHttpServer.Received post = intake.received().poll(30, TimeUnit.SECONDS);

                assertThat(post).isNotNull();
                assertThat(series(post.body())).extracting(Series::metric).contains("dsp.bidder.requests");
            } finally {
                metrics.close();
            }
        }
    }

    @Test
    void recordsNothingAndPostsNothingWithoutAnApiKey() {
        MeterRegistry registry = MeterRegistries.create(MetricsConfig.fromEnv(Map.of(), BidderMetricsKeys.SERVICE, new ArrayList<>()),
                io.micrometer.core.instrument.Tags.empty());
        try (BidderMetrics metrics = new BidderMetrics(registry)) {
            metrics.noBid(NoBidReason.NO_MATCH);

            assertThat(registry).isInstanceOf(CompositeMeterRegistry.class);
            assertThat(registry.get("dsp.bidder.requests").tag("reason", "no_match").counter().count()).isZero();
        }
    }

    private static BidderMetrics start(FakeHttpServer ecs, FakeHttpServer intake, String stepMs) {
        Map<String, String> env = Map.of(EcsMetadataReader.METADATA_URI_V4, ecs.baseUri() + "/v4/abc",
                "DD_API_KEY", "test-api-key", "DD_URL", intake.baseUri(), "DD_ENV", "prod", "DD_SERVICE", "dsp-bidder",
                "DD_VERSION", "1.4.0", "DD_STEP_MS", stepMs);
        List<String> errors = new ArrayList<>();
        MetricsConfig config = MetricsConfig.fromEnv(env, BidderMetricsKeys.SERVICE, errors);
        assertThat(errors).isEmpty();
        EcsTaskMetadata task = EcsMetadataReader.read(env);
        return new BidderMetrics(MeterRegistries.create(config, CommonTags.of(task, config)));
    }

    /** One series of a Datadog v1 series payload. */
    record Series(String metric, double value, String type, String host, Map<String, String> tags) {}

    private static List<Series> series(String body) throws Exception {
        List<Series> out = new ArrayList<>();
        for (JsonNode s : Json.MAPPER.readTree(body).get("series")) {
            Map<String, String> tags = new HashMap<>();
            for (JsonNode t : s.path("tags")) {
                String tag = t.asText();
                int colon = tag.indexOf(':');
                tags.put(tag.substring(0, colon), tag.substring(colon + 1));
            }
            out.add(new Series(s.get("metric").asText(), s.get("points").get(0).get(1).asDouble(),
                    s.path("type").asText(null), s.path("host").asText(null), tags));
        }
        return out;
    }

    private static List<Series> find(List<Series> series, String metric) {
        return series.stream().filter(s -> s.metric().equals(metric)).toList();
    }

    private static double value(List<Series> series, String metric, String... tagPairs) {
        List<Series> matching = find(series, metric).stream().filter(s -> {
            for (int i = 0; i < tagPairs.length; i += 2) {
                if (!tagPairs[i + 1].equals(s.tags().get(tagPairs[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(matching).as("%s %s", metric, String.join(",", tagPairs)).hasSize(1);
        return matching.get(0).value();
    }
}
