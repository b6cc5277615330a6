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
            Map.entry("NOTICE_DEDUPE_MAX_BYTES", "1600000"),
            Map.entry("NOTICE_DEDUPE_TTL_MS", "60000"),
            Map.entry("ERROR_LOGS_PER_SECOND", "1")));
    private final RequestStats stats = bidder.stats();
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
                "GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));

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
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n{{{{{",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nContent-Length: 999999\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n"
            + "\u001f\u008b\b\u0000",
        "GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /openrtb2/bid/check HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n{{{{{",
        "POST /openrtb2/bid/check?campaign=nobody HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}",
        "POST /openrtb2/bid/check HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n"
            + "\u001f\u008b\b\u0000",
        "PUT /openrtb2/bid/check HTTP/1.1\r\nHost: t\r\n\r\n",
        "BREW /coffee HTCPCP/1.0\r\n\r\n",
        "\u0000\u0001\u0002 garbage\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\nContent-Length: 5\r\n\r\n{{{{{"
            + "GET / HTTP/1.1\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\n{{{{{\r\n0\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{{{{\r\n0\r\n"
            + "X: a\r\n b\r\n\r\n",
        "POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{{{{\r\n0\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\nGET /health HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /health HTTP/1.1\r\n\r\n"})
    void releasesEverythingOnBadInput(String raw) {
        channel.writeInbound(Unpooled.wrappedBuffer(raw.getBytes(StandardCharsets.ISO_8859_1)));

        String out = drainOutbound();

        assertThat(statusLines(out)).isNotEmpty().noneMatch(line -> line.contains(" 500 "));
    }

    /**
     * Requests framed every way (a length, chunks with an extension and a trailer, no body), pipelined and fed one
     * byte per read: the strictness scan in the codec's decoder follows each to its end and the next, and so
     * still finds the fold in the last.
     */
    @Test
    void answersPipelinedRequestsFedOneByteAtATime() {
        String banner = new String(BANNER, StandardCharsets.UTF_8);
        String half = banner.substring(0, banner.length() / 2);
        String rest = banner.substring(banner.length() / 2);
        byte[] requests = concat(
                ("POST /openrtb2/bid HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(half.length()) + ";ext=1\r\n" + half + "\r\n"
                        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\nX-Trailer: t\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                RawHttp.post("/openrtb2/bid", BANNER),
                "\r\nGET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                // Refused only if the scanner is still in step: out of step, it would let the codec fold it.
                "GET /health HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        StringBuilder out = new StringBuilder();
        for (byte b : requests) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            out.append(drainOutbound());
        }

        assertThat(statusLines(out.toString())).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK",
                "HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request");
    }

    @Test
    void answersHeadWithTheLengthOfTheBodyItLeavesOut() {
        channel.writeInbound(Unpooled.wrappedBuffer(("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));

        String out = drainOutbound();

        int second = out.indexOf("HTTP/1.1", 1);
        assertThat(out.substring(0, second)).startsWith("HTTP/1.1 200 OK").contains("content-length: ")
                .endsWith("\r\n\r\n");
        assertThat(out.substring(second)).contains("\"status\":\"ready\"");
    }

    @Test
    void closesAfterAnsweringARequestFramedByBothTransferEncodingAndContentLength() {
        channel.writeInbound(Unpooled.wrappedBuffer(("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"
                + "GET /health HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(statusLines(drainOutbound())).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesTheConnectionAfterAnsweringTheLastRequestReadWhenDraining() {
        channel.pipeline().fireUserEventTriggered(TimeoutHandler.DRAIN);
        byte[] request = RawHttp.post("/openrtb2/bid", BANNER);

        // A read that leaves room in its buffer found the socket empty: nothing else was sent before the stop.
        channel.writeInbound(Unpooled.buffer(request.length + 1).writeBytes(request));

        assertThat(drainOutbound()).contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void keepsTheConnectionOpenWhileDrainingWhenTheReadFilledItsBuffer() {
        channel.pipeline().fireUserEventTriggered(TimeoutHandler.DRAIN);

        // A full buffer says nothing about what is left in the socket: more may follow, and must be answered.
        channel.writeInbound(Unpooled.wrappedBuffer(RawHttp.post("/openrtb2/bid", BANNER)));

        assertThat(drainOutbound()).startsWith("HTTP/1.1 200 OK").doesNotContain("connection: close");
        assertThat(channel.isOpen()).isTrue();
    }

    private String drainOutbound() {
        return ClientChannel.readAll(channel);
    }

    private static List<String> statusLines(String out) {
        return ClientChannel.statusLines(out);
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
