package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shedding, deadlines and processing times through the real pipeline on an {@link EmbeddedChannel}, with the
 * event loop played by the test's thread: its probe is a {@link DrivenProbe}, and the clock of reads, deadlines
 * and writes one the test moves. The bid log is a list; every buffer must be released.
 */
class SheddingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TrackingAllocator allocator = new TrackingAllocator();
    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    /** Each reading of the clock moves it on by this much: the time the work between two readings took. */
    private final AtomicLong tickNanos = new AtomicLong();
    private final List<BidRecord> bidLog = new ArrayList<>();
    private final BidderMetrics metrics = new BidderMetrics(new SimpleMeterRegistry());
    private final EmbeddedBidder bidder = new EmbeddedBidder(defaultCatalog(), Map.of("DEFAULT_TMAX_MS", "200",
            "NETWORK_MARGIN_MS", "20"), metrics, record -> bidLog.add((BidRecord) record), "task-1",
            () -> nanos.addAndGet(tickNanos.get()));
    private final EmbeddedChannel channel = bidder.connect(allocator);
    private final DrivenProbe probe = new DrivenProbe().install();

    private static Catalog defaultCatalog() {
        return Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(), new BudgetLedger(),
                System.currentTimeMillis(), "test"));
    }

    @AfterEach
    void releasedEveryBuffer() {
        DrivenProbe.uninstall();
        channel.finishAndReleaseAll();
        assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
    }

    @Test
    void aSingleStallShedsNothing() {
        probe.runLate(2_000);

        channel.writeInbound(buffer(banner("a", 120), banner("b", 120), banner("c", 120)));

        assertThat(statuses(drainOutbound())).containsExactly(200, 200, 200);
        assertThat(bidder.stats().noBids(NoBidReason.OVERLOADED)).isZero();
    }

    /** Regression: a quarter of such a burst was shed, the loop having been late once while reading its start. */
    @Test
    void aThousandRequestsPipelinedOnOneConnectionShedNothingAndMissNoDeadline() {
        // 10 µs of work between two readings of the clock: the whole burst takes some 20 ms.
        tickNanos.set(10_000);
        byte[][] first = new byte[500][];
        byte[][] second = new byte[500][];
        for (int i = 0; i < 500; i++) {
            first[i] = banner("first-" + i, 120);
            second[i] = banner("second-" + i, 120);
        }

        channel.writeInbound(buffer(first));
        // The loop was busy with the first half: its next probe runs late, once.
        probe.runLate(120);
        channel.writeInbound(buffer(second));

        List<Integer> statuses = statuses(drainOutbound());
        assertThat(statuses).hasSize(1_000).containsOnly(200);
        assertThat(bidLog).hasSize(1_000).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.BID));
    }

    @Test
    void sustainedOverloadShedsWithFast204sThatReadNothingAndTheLoopRecovers() {
        probe.overload();

        channel.writeInbound(buffer(banner("a", 120), RawHttp.post("/openrtb2/bid", bytes("not json at all")),
                RawHttp.post("/openrtb2/bid/exchange-x", body("b", 120))));

        String out = drainOutbound();
        assertThat(statuses(out)).containsExactly(204, 204, 204);
        assertThat(out).doesNotContain("content-length");
        assertThat(bidder.stats().noBids(NoBidReason.OVERLOADED)).isEqualTo(3);
        assertThat(bidder.stats().badRequestsByKind()).as("the malformed body was never read").isEmpty();

        probe.runOnTime();
        channel.writeInbound(buffer(banner("after", 120)));

        assertThat(statuses(drainOutbound())).containsExactly(200);
        assertThat(bidder.stats().noBids(NoBidReason.OVERLOADED)).isEqualTo(3);
    }

    @Test
    void shedRequestsAreInTheBidLogWithoutRequestIdsButWithTheExchangeOfThePath() {
        probe.overload();

        channel.writeInbound(buffer(banner("a", 120), RawHttp.post("/openrtb2/bid/exchange-x", body("b", 120))));
        drainOutbound();

        assertThat(bidLog).hasSize(2).allSatisfy(r -> {
            assertThat(r.requestId()).isNull();
            assertThat(r.impIds()).isEmpty();
            assertThat(r.outcome()).isEqualTo(Outcome.NOBID);
            assertThat(r.reason()).isEqualTo("overloaded");
            assertThat(r.taskId()).isEqualTo("task-1");
        });
        assertThat(bidLog).extracting(BidRecord::exchange).containsExactly(null, "exchange-x");
    }

    @Test
    void aRequestsDeadlineCountsFromItsFirstByteReadNotFromWhenItWasParsed() {
        byte[] request = banner("slow", 120);
        int half = request.length / 2;

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(request, 0, half)));
        nanos.addAndGet(150 * MS);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(request, half, request.length)));

        assertThat(statuses(drainOutbound())).containsExactly(204);
        assertThat(bidder.stats().noBids(NoBidReason.DEADLINE)).isEqualTo(1);
        assertThat(bidLog).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo("slow");
            assertThat(r.reason()).isEqualTo("deadline");
            assertThat(r.processingUs()).isEqualTo(150_000);
        });
    }

    @Test
    void whileTheLoopIsLateRunAfterRunItsLagCountsAgainstEachDeadline() {
        // Two late runs, 100 ms each: bytes read now waited about that long in the kernel. Not yet shedding.
        probe.runLate(100).runLate(100);

        channel.writeInbound(buffer(banner("tight", 100), banner("roomy", 300)));

        assertThat(statuses(drainOutbound())).containsExactly(204, 200);
        assertThat(bidder.stats().noBids(NoBidReason.DEADLINE)).isEqualTo(1);
        assertThat(bidder.stats().noBids(NoBidReason.OVERLOADED)).isZero();
    }

    @Test
    void theTimeAConnectionSitsIdleBetweenRequestsCountsAgainstNoRequest() {
        channel.writeInbound(buffer(banner("first", 120)));
        nanos.addAndGet(10_000 * MS);
        channel.writeInbound(buffer(banner("after-idle", 120)));

        assertThat(statuses(drainOutbound())).containsExactly(200, 200);
        assertThat(bidLog).extracting(BidRecord::processingUs).containsExactly(0L, 0L);
    }

    @Test
    void processingTimeSpansFromTheFirstByteReadToTheResponseWritten() {
        // Every reading of the clock is 1 ms after the one before.
        tickNanos.set(MS);
        List<Long> readings = new ArrayList<>();
        EmbeddedBidder recorded = new EmbeddedBidder(defaultCatalog(), Map.of(), metrics,
                record -> bidLog.add((BidRecord) record), "task-1", () -> {
                    long now = nanos.addAndGet(tickNanos.get());
                    readings.add(now);
                    return now;
                });
        EmbeddedChannel connection = recorded.connect(allocator);
        try {
            connection.writeInbound(buffer(banner("a", 500), banner("b", 500)));

            // The first reading stamps the read that brought both requests; the last is taken after the flush.
            long span = readings.get(readings.size() - 1) - readings.get(0);
            assertThat(span).isGreaterThan(MS);
            assertThat(bidLog).extracting(BidRecord::processingUs).containsExactly(span / 1_000, span / 1_000);
            Timer latency = metrics.registry().get(BidderMetrics.REQUEST_LATENCY).timer();
            assertThat(latency.count()).isEqualTo(2);
            assertThat(latency.max(TimeUnit.NANOSECONDS)).isEqualTo((double) span);
        } finally {
            for (Object out; (out = connection.readOutbound()) != null; ) {
                ((ByteBuf) out).release();
            }
            connection.finishAndReleaseAll();
        }
    }

    /** A banner request the default campaigns bid on, with its own id and tmax, as HTTP. */
    private static byte[] banner(String id, int tmax) {
        return RawHttp.post("/openrtb2/bid", body(id, tmax));
    }

    private static byte[] body(String id, int tmax) {
        return bytes("{\"id\":\"" + id + "\",\"tmax\":" + tmax + ",\"imp\":[{\"id\":\"1\",\"bidfloor\":0.03,"
                + "\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"domain\":\"www.foobar.com\",\"cat\":[\"IAB3-1\"]}}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuf buffer(byte[]... requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] request : requests) {
            out.writeBytes(request);
        }
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    private String drainOutbound() {
        StringBuilder out = new StringBuilder();
        for (Object buf; (buf = channel.readOutbound()) != null; ) {
            out.append(((ByteBuf) buf).toString(StandardCharsets.ISO_8859_1));
            ((ByteBuf) buf).release();
        }
        return out.toString();
    }

    private static List<Integer> statuses(String out) {
        return Pattern.compile("HTTP/1\\.1 ([0-9]{3}) ").matcher(out).results()
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }
}
