package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.eventually;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidlog.BidLogReader;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.NoticeRecord;
import org.fargatedsp.bidlog.Outcome;
import org.fargatedsp.bidlog.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bid log as the running bidder writes it: every request of a run once, notices as their own records, and its
 * state on {@code /health} and in the gauges when the disk fills.
 */
class BidLogHttpTest {
    private static final byte[] BANNER = OpenRtbExamples.request("2.6/simple-banner.json");

    @Test
    void logsEveryRequestOfARunExactlyOnceAndEveryNotice() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("BID_LOG_MAX_FILE_BYTES", "8192",
                "BID_LOG_MAX_DISK_BYTES", "100000000"));
        Set<String> sent = new HashSet<>();
        String burl = null;
        try {
            for (int i = 0; i < 200; i++) {
                String id = "req-" + i;
                sent.add(id);
                byte[] body = i % 3 == 0
                        ? ("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":1,\"h\":1}}]}")
                                .getBytes(StandardCharsets.UTF_8)
                        : withId(id);
                var response = server.bid(body, "2.6");
                if (burl == null && response.statusCode() == 200) {
                    burl = Json.MAPPER.readTree(response.body()).path("seatbid").get(0).path("bid").get(0).path("burl")
                            .asText().replace("${AUCTION_PRICE}", "1.00");
                }
            }
            server.bid("not json".getBytes(StandardCharsets.UTF_8), "2.6");
            URI notice = URI.create(burl);
            server.send(HttpRequest.newBuilder(server.uri(notice.getRawPath() + "?" + notice.getRawQuery())).build());
        } finally {
            server.bidder().stopNow();
        }

        List<BidLogRecord> records = readAll(server.bidLogDir());
        server.close();

        List<String> logged = records.stream().filter(r -> r instanceof BidRecord)
                .map(r -> ((BidRecord) r).requestId()).toList();
        assertThat(logged).hasSize(200).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(records).filteredOn(r -> r instanceof BidRecord b && b.outcome() == Outcome.NOBID)
                .allSatisfy(r -> assertThat(((BidRecord) r).reason()).isEqualTo("no_match")).hasSize(67);
        BidRecord bid = (BidRecord) records.stream()
                .filter(r -> r instanceof BidRecord b && b.outcome() == Outcome.BID).findFirst().orElseThrow();
        assertThat(bid.bids()).singleElement().satisfies(b -> {
            assertThat(b.campaignId()).isEqualTo("northwind-cloud-display");
            assertThat(b.priceMicros()).isEqualTo(1_200_000);
            assertThat(b.cur()).isEqualTo("USD");
            assertThat(b.bidId()).hasSize(20);
        });
        assertThat(bid.impIds()).containsExactly("1");
        assertThat(records).filteredOn(r -> r instanceof NoticeRecord).singleElement().satisfies(r -> {
            NoticeRecord n = (NoticeRecord) r;
            assertThat(n.type()).isEqualTo(RecordType.BILLING);
            assertThat(n.priceMicros()).isEqualTo(1_000_000);
        });
    }

    @Test
    void keepsBiddingPastTheDiskBudgetAndSaysSoOnHealth() throws IOException {
        try (RunningBidder server = RunningBidder.start(Map.of("BID_LOG_MAX_FILE_BYTES", "4096",
                "BID_LOG_MAX_DISK_BYTES", "8192", "BID_LOG_MAX_FILE_AGE_MS", "100"))) {
            AtomicInteger sent = new AtomicInteger();
            JsonNode log = await("the bid log reached its budget").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        assertThat(server.bid(withId("fill-" + sent.getAndIncrement()), "2.6").statusCode())
                                .isEqualTo(200);
                        return Json.MAPPER.readTree(server.get("/health").body()).path("bid_log");
                    }, health -> health.path("over_budget").asBoolean());

            assertThat(log.path("dropped").path("disk_budget").asLong()).isPositive();
            assertThat(log.path("disk_bytes").asLong()).isLessThanOrEqualTo(8192);
            assertThat(server.bid(withId("after"), "2.6").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void keepsBiddingOnAFullVolumeAndSaysSoOnHealthInAGaugeAndOnceInTheLog(@TempDir Path dir) throws IOException {
        ControlledFiles files = new ControlledFiles(dir);
        BidLogTesting.ManualClock clock = new BidLogTesting.ManualClock();
        try (CapturedLog episodes = CapturedLog.of(WriterHealth.class);
                RunningBidder server = RunningBidder.start(Map.of("BID_LOG_DIR", dir.toString()), clock, files)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ((CompositeMeterRegistry) server.bidder().metrics().registry()).add(meters);
            assertThat(server.bid(withId("before"), "2.6").statusCode()).isEqualTo(200);
            eventually("the first record is written").until(() -> health(server).path("written").asLong() == 1);
            assertThat(health(server).path("state").asText()).isEqualTo("ok");

            files.fill();
            clock.advance(250);
            String failingSince = java.time.Instant.ofEpochMilli(clock.getAsLong()).toString();
            for (int second = 0; second < 3; second++) {
                assertThat(server.bid(withId("full-" + second), "2.6").statusCode()).isEqualTo(200);
                long dropped = second + 1;
                eventually("the write fails").until(() -> health(server).path("dropped_since").asLong() == dropped);
                clock.advance(BidLogWriter.DISK_RESCAN_MS);
            }
            var response = server.get("/health");
            JsonNode log = Json.MAPPER.readTree(response.body()).path("bid_log");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(log.path("state").asText()).isEqualTo("write_failing");
            assertThat(log.path("since").asText()).isEqualTo(failingSince);
            assertThat(log.path("write_failing").asBoolean()).isTrue();
            assertThat(log.path("over_budget").asBoolean()).isFalse();
            assertThat(log.path("write_error").asText()).isEqualTo("No space left on device");
            assertThat(log.path("dropped").path("io_error").asLong()).isEqualTo(3);
            assertThat(meters.get(BidderMetrics.BIDLOG_WRITE_FAILING).gauge().value()).isEqualTo(1);
            assertThat(episodes.events()).singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));

            files.freeSpace();
            assertThat(server.bid(withId("after"), "2.6").statusCode()).isEqualTo(200);
            JsonNode recovered = eventually("writing resumes").until(() -> health(server),
                    h -> h.path("written").asLong() == 2);

            assertThat(recovered.path("state").asText()).isEqualTo("ok");
            assertThat(recovered.has("write_error")).isFalse();
            assertThat(meters.get(BidderMetrics.BIDLOG_WRITE_FAILING).gauge().value()).isZero();
            assertThat(episodes.events()).hasSize(2);
            assertThat(episodes.events().get(1).getLevel()).isEqualTo(Level.INFO);
        }
    }

    private static JsonNode health(RunningBidder server) throws IOException {
        return Json.MAPPER.readTree(server.get("/health").body()).path("bid_log");
    }

    private static List<BidLogRecord> readAll(Path dir) throws IOException {
        List<BidLogRecord> records = new ArrayList<>();
        for (Path file : BidLogFileNames.listReady(dir)) {
            records.addAll(BidLogReader.readAll(file));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("after shutdown only published files remain").allMatch(BidLogFileNames::isReady);
        }
        return records;
    }

    private static byte[] withId(String id) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(BANNER);
            tree.put("id", id);
            return Json.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
