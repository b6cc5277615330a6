package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidlog.BidRecord;
import org.junit.jupiter.api.Test;

/** Shedding over real sockets and real event loops, where it depends on how the loops read and how late they run. */
class SheddingHttpTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void sustainedOverloadShedsWithFast204sAndTheServerRecovers() throws Exception {
        // Each run of the probe sees the clock jump by this much more than the real time that passed.
        AtomicLong extraLateNanos = new AtomicLong();
        AtomicLong skew = new AtomicLong();
        ConcurrentLinkedQueue<BidRecord> bidLog = new ConcurrentLinkedQueue<>();
        EmbeddedBidder bidder = new EmbeddedBidder(defaultCatalog(), Map.of("DEFAULT_TMAX_MS", "60000"),
                new BidderMetrics(new SimpleMeterRegistry()),
                record -> bidLog.add((BidRecord) record), "task-1");
        BidderServer server = new BidderServer(Transport.choose(Transport.Preference.AUTO), 1,
                new LoadShedder(50, 250, () -> System.nanoTime() + skew.addAndGet(extraLateNanos.get())));
        int port = server.start("127.0.0.1", 0, bidder.endpoints(), bidder.settings());
        try (RawHttp connection = new RawHttp(port)) {
            assertThat(exchange(connection, banner("calm")).status()).isEqualTo(200);

            extraLateNanos.set(100 * MS);
            Awaitility.await("shedding").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> exchange(connection, banner("probing")).status() == 204);
            RawHttp.Response malformed = exchange(connection, RawHttp.post("/openrtb2/bid",
                    "{\"id\": not json".getBytes(StandardCharsets.UTF_8)));
            assertThat(malformed.status()).as("shed unread, not refused").isEqualTo(204);
            assertThat(malformed.body()).isEmpty();
            assertThat(bidder.stats().badRequestsByKind()).isEmpty();

            extraLateNanos.set(0);
            Awaitility.await("recovery").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> exchange(connection, banner("recovering")).status() == 200);
        } finally {
            server.stopAccepting();
            server.close(5_000);
        }
        long shed = bidder.stats().noBids(NoBidReason.OVERLOADED);
        assertThat(shed).isPositive();
        assertThat(bidLog).filteredOn(r -> "overloaded".equals(r.reason())).hasSize((int) shed)
                .allSatisfy(r -> assertThat(r.requestId()).isNull());
        assertThat(bidLog).filteredOn(r -> r.requestId() != null).extracting(BidRecord::requestId)
                .contains("calm", "recovering");
    }

    /**
     * Regression: after a fresh start, the first of an error path the warm-up had not run (a malformed body took 8
     * to 34 ms) made the next valid request shed.
     */
    @Test
    void theFirstOfEachErrorAfterStartShedsNothingAndNeitherDoesAPipelinedBurst() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("SHED_LAG_MS", "50", "SHED_SUSTAINED_MS", "250",
                "IO_THREADS", "1", "WARMUP_REQUESTS", "2000", "WARMUP_MAX_MS", "3000"));
        try (RawHttp connection = new RawHttp(server.port())) {
            List<byte[]> errors = List.of(
                    RawHttp.post("/openrtb2/bid", "{\"id\":\"x\",\"imp\":[".getBytes(StandardCharsets.UTF_8)),
                    RawHttp.post("/openrtb2/bid", "{\"id\":\"no impressions\"}".getBytes(StandardCharsets.UTF_8)),
                    RawHttp.post("/openrtb2/bid", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3},
                            "Content-Encoding: gzip"),
                    "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    "PUT /notice/win HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII),
                    "GET /notice/billing?b=1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (byte[] error : errors) {
                assertThat(exchange(connection, error).status()).isBetween(400, 499);
                assertThat(exchange(connection, banner("after-error")).status()).isEqualTo(200);
            }

            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                burst.writeBytes(banner("burst-" + i));
            }
            connection.write(burst.toByteArray());
            for (int i = 0; i < 1_000; i++) {
                assertThat(connection.read().status()).as("response %d", i).isEqualTo(200);
            }
            assertThat(server.bidder().stats().noBids(NoBidReason.OVERLOADED)).isZero();
        } finally {
            server.close();
        }
    }

    private static RawHttp.Response exchange(RawHttp connection, byte[] request) throws IOException {
        connection.write(request);
        return connection.read();
    }

    /** A banner request the default campaigns bid on, without tmax: the test's default of 60 s applies. */
    private static byte[] banner(String id) {
        return RawHttp.post("/openrtb2/bid", ("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"bidfloor\":0.03,"
                + "\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"domain\":\"www.foobar.com\",\"cat\":[\"IAB3-1\"]}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Catalog defaultCatalog() {
        return Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(), new BudgetLedger(),
                System.currentTimeMillis(), "test"));
    }
}
