package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline as {@link BidderChannelInitializer} builds it, with the endpoints the bidder's assembly wires
 * ({@link EmbeddedBidder}), on an {@link EmbeddedChannel} whose allocator tracks every buffer: each test ends by
 * checking that all of them were released.
 */
class PipelineTest {
    private static final byte[] BANNER = read("2.6/simple-banner.json");

    private final TrackingAllocator allocator = new TrackingAllocator();
    private final EmbeddedBidder bidder = new EmbeddedBidder(defaultCatalog(), Map.ofEntries(
            Map.entry("MAX_BODY_BYTES", "65536"),
            Map.entry("MAX_INFLATED_BODY_BYTES", "262144"),
            Map.entry("DEFAULT_TMAX_MS", "60000"),
            Map.entry("NETWORK_MARGIN_MS", "10"),
            Map.entry("IDLE_TIMEOUT_MS", "60000"),
            Map.entry("REQUEST_READ_TIMEOUT_MS", "60000"),
            Map.entry("NOTICE_BASE_URL", "http://localhost"),
            Map.entry("NOTICE_DEDUPE_MAX_BYTES", "160000"),
            Map.entry("NOTICE_DEDUPE_TTL_MS", "60000"),
            Map.entry("ERROR_LOGS_PER_SECOND", "1")));
    private final RequestStats stats = bidder.stats();
    private final ServerState state = bidder.state();
    private final EmbeddedChannel channel = bidder.connect(allocator);

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
    void answersPipelinedRequestsInOrderInOneFlush() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(
                RawHttp.post("/openrtb2/bid", BANNER),
                RawHttp.post("/openrtb2/bid", "{\"id\":\"x\",\"imp\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_8)),
                "GET /health HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));

        String out = drainOutbound();

        assertThat(statusLines(out)).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 204 No Content",
                "HTTP/1.1 200 OK");
    }

    @Test
    void answersABidCheckInItsPlaceAmongPipelinedBidsAndCountsNoBidForIt() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(
                RawHttp.post("/openrtb2/bid", BANNER),
                RawHttp.post("/openrtb2/bid/check", BANNER),
                RawHttp.post("/openrtb2/bid", BANNER))));

        String out = drainOutbound();

        assertThat(statusLines(out)).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        assertThat(out).contains("\"excluded_summary\"");
        assertThat(stats.bids()).isEqualTo(2);
        assertThat(stats.checks(org.fargatedsp.bidder.check.CheckOutcome.BID)).isEqualTo(1);
    }

    @Test
    void shedsBidRequestsWithAFast204WhenTheEventLoopIsInSustainedOverload() {
        new DrivenProbe().install().overload();

        channel.writeInbound(Unpooled.wrappedBuffer(RawHttp.post("/openrtb2/bid", BANNER)));

        assertThat(statusLines(drainOutbound())).containsExactly("HTTP/1.1 204 No Content");
        assertThat(stats.noBids(NoBidReason.OVERLOADED)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /openrtb2/bid HTTP/1.1\r\nContent-Length: 5\r\n\r\n{{{{{",
        "POST /openrtb2/bid HTTP/1.1\r\nContent-Length: 999999\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\u001f\u008b\b\u0000",
        "GET /nowhere HTTP/1.1\r\n\r\n",
        "GET /openrtb2/bid/check HTTP/1.1\r\nContent-Length: 5\r\n\r\n{{{{{",
        "POST /openrtb2/bid/check?campaign=nobody HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        "POST /openrtb2/bid/check HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\u001f\u008b\b\u0000",
        "PUT /openrtb2/bid/check HTTP/1.1\r\n\r\n",
        "BREW /coffee HTCPCP/1.0\r\n\r\n",
        "\u0000\u0001\u0002 garbage\r\n\r\n"})
    void releasesEverythingOnBadInput(String raw) {
        channel.writeInbound(Unpooled.wrappedBuffer(raw.getBytes(StandardCharsets.ISO_8859_1)));

        String out = drainOutbound();

        assertThat(statusLines(out)).isNotEmpty().noneMatch(line -> line.contains(" 500 "));
    }

    @Test
    void closesTheConnectionAfterAnsweringWhenClosing() {
        state.moveTo(ServerState.Phase.CLOSING);

        channel.writeInbound(Unpooled.wrappedBuffer(RawHttp.post("/openrtb2/bid", BANNER)));

        assertThat(drainOutbound()).contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
    }

    private String drainOutbound() {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    /** Status lines in order; a body has no line end of its own, so they are found by pattern, not by line. */
    private static List<String> statusLines(String out) {
        return java.util.regex.Pattern.compile("HTTP/1\\.1 [0-9]{3} [^\r]*").matcher(out).results()
                .map(java.util.regex.MatchResult::group).toList();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] read(String example) {
        return OpenRtbExamples.request(example);
    }
}
