package org.fargatedsp.bidder.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.notice.TestNotices;
import org.junit.jupiter.api.Test;
import org.fargatedsp.metrics.FakeHttpServer;

/**
 * The running bidder reports to a Datadog intake played by a local server, with the tags of the ECS task it
 * reads from a fake task metadata endpoint.
 */
class MetricsHttpTest {
    @Test
    void sendsRequestMetersTaggedWithTheEcsTask() throws Exception {
        try (FakeHttpServer intake = new FakeHttpServer(); FakeHttpServer ecs = new FakeHttpServer()) {
            ecs.respond(200, """
                    {"Cluster":"arn:aws:ecs:us-east-1:111122223333:cluster/bidders",
                     "TaskARN":"arn:aws:ecs:us-east-1:111122223333:task/bidders/0123456789abcdef",
                     "Family":"fargate-dsp-bidder","Revision":"42","AvailabilityZone":"us-east-1a",
                     "LaunchType":"FARGATE"}""");
            Map<String, String> env = new HashMap<>();
            env.put("DD_API_KEY", "test-key");
            env.put("DD_URL", intake.baseUri());
            env.put("DD_STEP_MS", "200");
            env.put("DD_VERSION", "1.2.3");
            env.put("ECS_CONTAINER_METADATA_URI_V4", ecs.baseUri() + "/v4/meta");
            // On ECS the bidder refuses to start without the key its tasks share.
            env.put("NOTICE_SIGNING_KEY", TestNotices.KEY_A);
            try (RunningBidder server = RunningBidder.start(env)) {
                byte[] banner = OpenRtbExamples.request("2.6/simple-banner.json");
                // A step counter reports only the last whole step: a publish that comes late on a loaded machine
                // skips a step, and a single request in it would never be seen. So traffic goes on until it is.
                Runnable traffic = () -> {
                    assertThat(server.bid(banner, "2.6").statusCode()).isEqualTo(200);
                    assertThat(server.bid("{".getBytes(StandardCharsets.UTF_8), "2.6").statusCode()).isEqualTo(400);
                };

                Map<String, JsonNode> seen = awaitSeries(intake, traffic, Map.of(
                        "dsp.bidder.requests", "outcome:bid",
                        "dsp.bidder.bad_requests", "kind:malformed_json",
                        "dsp.bidder.http.responses", "status_class:4xx",
                        "dsp.bidder.campaigns.active", "",
                        "dsp.bidder.bidlog.disk.bytes", ""));

                JsonNode bids = seen.get("dsp.bidder.requests");
                assertThat(bids.path("points").get(0).get(1).asDouble()).isPositive();
                assertThat(tags(bids)).contains(
                        "task_arn:arn:aws:ecs:us-east-1:111122223333:task/bidders/0123456789abcdef",
                        "cluster:bidders", "task_family:fargate-dsp-bidder", "task_revision:42",
                        "availability_zone:us-east-1a", "launch_type:FARGATE", "version:1.2.3");
                assertThat(tags(seen.get("dsp.bidder.bad_requests"))).contains("task_revision:42");
            }
        }
    }

    /**
     * Sends {@code traffic} and reads posted series until, for each metric, one carrying its tag (an empty tag: any
     * series of it) has a non-zero point; returns the series found, by metric.
     */
    private static Map<String, JsonNode> awaitSeries(FakeHttpServer intake, Runnable traffic,
            Map<String, String> wanted) {
        Map<String, JsonNode> found = new HashMap<>();
        // In this thread: each look sends traffic, then takes what the intake has received so far into found.
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
            traffic.run();
            for (FakeHttpServer.Received post; (post = intake.received().poll()) != null; ) {
                if (post.path().equals("/api/v1/series")) {
                    collect(Json.MAPPER.readTree(post.body()), wanted, found);
                }
            }
            assertThat(found.keySet()).as("series that reached the intake").containsAll(wanted.keySet());
        });
        return found;
    }

    private static void collect(JsonNode posted, Map<String, String> wanted, Map<String, JsonNode> found) {
        for (JsonNode series : posted.path("series")) {
            String metric = series.path("metric").asText();
            String tag = wanted.get(metric);
            if (tag != null && !found.containsKey(metric) && (tag.isEmpty() || tags(series).contains(tag))
                    && (tag.isEmpty() || series.path("points").get(0).get(1).asDouble() > 0)) {
                found.put(metric, series);
            }
        }
    }

    private static java.util.List<String> tags(JsonNode series) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        series.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }
}
