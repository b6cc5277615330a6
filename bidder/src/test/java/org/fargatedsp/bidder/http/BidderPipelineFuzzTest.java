package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the whole connection pipeline that {@link BidderChannelInitializer} builds, with the real endpoints and
 * the embedded default campaigns, on an {@link EmbeddedChannel} whose allocator records every buffer. Whatever
 * arrives, the bidder answers only with the statuses it is meant to use (never a 500, which means a bug), no
 * exception reaches the end of the pipeline, and every buffer is released once the connection is closed.
 *
 * <p>In {@code mvn verify} this runs only on the seeds in {@code BidderPipelineFuzzTestInputs/<method>/};
 * {@code docs/fuzzing.md} says how to fuzz for real.
 */
class BidderPipelineFuzzTest {
    /**
     * Every status the bidder may answer with: the bid endpoint's 200, 204, 400, 413 and 415, the router's 404 and
     * 405, the 408 of a request that stops arriving, and from Netty's aggregator the interim 100 Continue and the
     * 417 for an {@code Expect} other than 100-continue (RFC 9110, sections 10.1.1 and 15.5.18). No 5xx.
     */
    private static final Set<Integer> EXPECTED_STATUSES = Set.of(100, 200, 204, 400, 404, 405, 408, 413, 415, 417);
    private static final Set<Integer> BID_ENDPOINT_STATUSES = Set.of(200, 204, 400, 413, 415);
    private static final EmbeddedBidder BIDDER = new EmbeddedBidder(defaultCatalog(), Map.of("FX_RATES", "EUR=1.08"));

    /** Jazzer turns the timeout into its per-input limit (libFuzzer's {@code -timeout}) when fuzzing. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void answersAnyBidRequestBodyOnceWithABidEndpointStatus(byte[] body) {
        // A body starting with the gzip magic number (RFC 1952, 2.3.1) is sent as Content-Encoding: gzip, so the
        // fuzzer reaches the inflater as well as the JSON decoder.
        boolean gzip = body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
        String head = "POST /openrtb2/bid HTTP/1.1\r\n"
                + "Host: bidder.test\r\n"
                + "Content-Type: application/json\r\n"
                + "x-openrtb-version: 2.6\r\n"
                + (gzip ? "Content-Encoding: gzip\r\n" : "")
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
        request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);

        List<Integer> statuses = exchange(request.toByteArray());

        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0)).isIn(BID_ENDPOINT_STATUSES);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void answersAnyBytesOnAConnectionWithExpectedStatusesOnly(byte[] bytes) {
        List<Integer> statuses = exchange(bytes);

        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(EXPECTED_STATUSES));
    }

    /**
     * Sends {@code bytes} on a new connection in two reads, as a request split across TCP segments arrives,
     * closes it, and returns the status of every response. Fails on a 500, on an exception reaching the router's
     * {@code exceptionCaught} other than a routine connection event (the router logs those as bugs), and on a
     * buffer that was not released.
     */
    private static List<Integer> exchange(byte[] bytes) {
        TrackingAllocator alloc = new TrackingAllocator();
        List<Integer> statuses = new ArrayList<>();
        List<Throwable> faults = new ArrayList<>();
        EmbeddedChannel channel = BIDDER.connect(alloc);
        channel.pipeline().addAfter("http", "status-recorder", new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse response) {
                    statuses.add(response.status().code());
                }
                ctx.write(msg, promise);
            }
        });
        channel.pipeline().addBefore("router", "fault-recorder", new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // A client closing half-way through a request is routine; the router closes quietly on it.
                if (!(cause instanceof IOException || cause instanceof PrematureChannelClosureException)) {
                    faults.add(cause);
                }
                ctx.fireExceptionCaught(cause);
            }
        });
        try {
            int half = bytes.length / 2;
            channel.writeInbound(alloc.buffer(half).writeBytes(bytes, 0, half));
            if (channel.isOpen()) {
                channel.writeInbound(alloc.buffer(bytes.length - half).writeBytes(bytes, half, bytes.length - half));
            }
            channel.runPendingTasks();
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(faults).as("exceptions that reached the router").isEmpty();
        assertThat(statuses).as("response statuses").doesNotContain(500);
        assertThat(alloc.unreleased()).as("buffers not released, of %d allocated", alloc.allocations()).isEmpty();
        return statuses;
    }

    private static Catalog defaultCatalog() {
        return Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(), new BudgetLedger(),
                System.currentTimeMillis(), "embedded"));
    }
}
