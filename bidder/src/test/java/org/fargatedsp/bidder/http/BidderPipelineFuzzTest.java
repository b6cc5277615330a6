package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the whole connection pipeline that {@link BidderChannelInitializer} builds, with the real endpoints and
 * the embedded default campaigns, on an {@link EmbeddedChannel} whose allocator records every buffer. Whatever
 * arrives, the bidder answers only with the statuses it is meant to use (never a 500, which means a bug), no
 * exception reaches the end of the pipeline, and every buffer is released once the connection is closed. And
 * whatever arrives, whether the client reads its answers or not, what the connection holds and the work it does
 * stay within their bounds. The channel is a {@link ClientChannel}, whose client can stop reading.
 *
 * <p>In {@code mvn verify} this runs only on the seeds in {@code BidderPipelineFuzzTestInputs/<method>/};
 * {@code docs/fuzzing.md} says how to fuzz for real.
 */
class BidderPipelineFuzzTest {
    /**
     * Every status the bidder may answer with: the bid endpoint's 200, 204, 400, 413 and 415, the router's 404 and
     * 405, the notice endpoints' 403 for a notice the bidder did not sign, the 408 of a request that stops arriving,
     * and from Netty's aggregator the interim 100 Continue and the 417 for an {@code Expect} other than 100-continue
     * (RFC 9110, sections 10.1.1 and 15.5.18). No 5xx.
     */
    private static final Set<Integer> EXPECTED_STATUSES = Set.of(100, 200, 204, 400, 403, 404, 405, 408, 413,
            415, 417);
    private static final Set<Integer> BID_ENDPOINT_STATUSES = Set.of(200, 204, 400, 413, 415);
    private static final EmbeddedBidder BIDDER = EmbeddedBidder.withDefaultCampaigns(Map.of("FX_RATES", "EUR=1.08"));
    private static final int MAX_PIPELINED = 16;
    private static final int HIGH_WATER = 4096;
    /**
     * Small bounds, so that the fuzzer reaches them with short inputs: sixteen health checks' answers pass the high
     * water mark, sixteen 404s' do not.
     */
    private static final EmbeddedBidder BOUNDED = EmbeddedBidder.withDefaultCampaigns(Map.of("FX_RATES", "EUR=1.08",
            "MAX_PIPELINED_REQUESTS", Integer.toString(MAX_PIPELINED),
            "WRITE_BUFFER_HIGH_WATER_BYTES", Integer.toString(HIGH_WATER)));
    /** Buffers any connection may allocate, however little it is sent: reads, a response or two, an inflater. */
    private static final int ALLOCATIONS_PER_CONNECTION = 64;
    /**
     * Bytes a client must send for each buffer more: the shortest request that is answered ({@code X / HTTP/1.1}
     * and an empty line, 16 bytes; Netty refuses bare LFs) costs three: its response's text and head, and its share
     * of the read buffers.
     */
    private static final int BYTES_PER_ALLOCATION = 4;

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
     * Resource bounds, whatever arrives and whether or not the client reads its answers. The first byte says how
     * the client behaves: bit 0 set, it reads; bits 1 to 3, how many reads the rest arrives in (1 to 8). The rest
     * is what it sends. Whatever it sends, no more than {@code MAX_PIPELINED_REQUESTS} requests are ever answered
     * and not yet taken by the socket (while it reads nothing, no more are decoded at all), the queue never passes
     * the high water mark by more than the answer to one request, and the work done is bounded per byte sent:
     * buffers allocated and messages decoded. Once the client reads, the connection is not left waiting.
     */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void staysWithinItsBoundsWhateverArrivesAndWhetherTheClientReads(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean clientReads = (input[0] & 1) == 1;
        int reads = ((input[0] >> 1) & 7) + 1;
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);

        Exchange exchange = new Exchange(BOUNDED, clientReads).send(bytes, reads);

        assertThat(exchange.maxInFlight).as("requests answered and not taken by the socket")
                .isLessThanOrEqualTo(MAX_PIPELINED);
        if (!clientReads) {
            assertThat(exchange.requestsBeforeReading).as("requests decoded for a client that reads nothing")
                    .isLessThanOrEqualTo(MAX_PIPELINED);
        }
        assertThat(exchange.peakQueued).as("bytes queued; the most one request was answered with is %d",
                exchange.mostForOneRequest).isLessThanOrEqualTo(HIGH_WATER + exchange.mostForOneRequest);
        // A request is 16 bytes at least (X / HTTP/1.1 and an empty line) and a chunk of body 6 (1, CRLF, a byte,
        // CRLF); a body of fixed length comes in one message per read.
        assertThat(exchange.messages).as("messages decoded from %d bytes in %d reads", bytes.length, reads)
                .isLessThanOrEqualTo(bytes.length / 2 + reads + 2);
        assertThat(exchange.allocations).as("buffers allocated for %d bytes", bytes.length)
                .isLessThanOrEqualTo(ALLOCATIONS_PER_CONNECTION + bytes.length / BYTES_PER_ALLOCATION);
        assertThat(exchange.blockedOnceRead).as("left waiting once the client reads").isFalse();
        assertThat(exchange.statuses).allSatisfy(status -> assertThat(status).isIn(EXPECTED_STATUSES));
    }

    /**
     * Sends {@code bytes} on a new connection in two reads, as a request split across TCP segments arrives,
     * closes it, and returns the status of every response.
     */
    private static List<Integer> exchange(byte[] bytes) {
        return new Exchange(BIDDER, true).send(bytes, 2).statuses;
    }

    /**
     * One connection of {@code bidder}'s and what happened on it: the statuses answered, what was decoded, and
     * what was queued and allocated. Sending fails the test on a 500, on an exception reaching the router's
     * {@code exceptionCaught} other than a routine connection event (the router logs those as bugs), and on a
     * buffer that was not released.
     */
    private static final class Exchange {
        private final TrackingAllocator alloc = new TrackingAllocator();
        private final List<Integer> statuses = new ArrayList<>();
        private final List<Throwable> faults = new ArrayList<>();
        private final ClientChannel channel;
        private final FlowControl flow;
        private int requests;
        private int requestsBeforeReading;
        private int messages;
        private int maxInFlight;
        private long peakQueued;
        private long forThisRequest;
        private long mostForOneRequest;
        private int allocations;
        private boolean blockedOnceRead;

        Exchange(EmbeddedBidder bidder, boolean clientReads) {
            channel = bidder.connect(ClientChannel.create(), alloc);
            if (!clientReads) {
                channel.stopReading();
            }
            flow = channel.pipeline().get(FlowControl.class);
            ChannelPipeline p = channel.pipeline();
            p.addAfter("http-encoder", "status-recorder", new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    if (msg instanceof HttpResponse response) {
                        statuses.add(response.status().code());
                    }
                    ctx.write(msg, promise);
                }
            });
            p.addAfter("http-decoder", "request-recorder", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    messages++;
                    if (msg instanceof HttpRequest) {
                        requests++;
                        forThisRequest = 0;
                        maxInFlight = Math.max(maxInFlight, flow.inFlight());
                    }
                    ctx.fireChannelRead(msg);
                }
            });
            // Between the flow handler and the encoder: every encoded response on its way to the socket.
            p.addAfter("flow", "queue-recorder", new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    long before = channel.queuedBytes();
                    ctx.write(msg, promise);
                    long after = channel.queuedBytes();
                    forThisRequest += Math.max(0, after - before);
                    mostForOneRequest = Math.max(mostForOneRequest, forThisRequest);
                    peakQueued = Math.max(peakQueued, after);
                }
            });
            p.addBefore("router", "fault-recorder", new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // A client closing half-way through a request is routine; the router closes quietly on it.
                    if (!(cause instanceof IOException || cause instanceof PrematureChannelClosureException)) {
                        faults.add(cause);
                    }
                    ctx.fireExceptionCaught(cause);
                }
            });
        }

        /** Sends {@code bytes} in {@code reads} reads of about equal size, lets the client read, and closes. */
        Exchange send(byte[] bytes, int reads) {
            try {
                int from = 0;
                for (int i = 1; i <= reads && channel.isOpen(); i++) {
                    int to = (int) ((long) bytes.length * i / reads);
                    channel.writeInbound(alloc.buffer(to - from).writeBytes(bytes, from, to - from));
                    from = to;
                }
                channel.runPendingTasks();
                requestsBeforeReading = requests;
                channel.startReading();
                blockedOnceRead = channel.isOpen() && flow.blocked();
                allocations = alloc.allocations();
            } finally {
                ClientChannel.readAll(channel);
                channel.finishAndReleaseAll();
            }
            assertThat(faults).as("exceptions that reached the router").isEmpty();
            assertThat(statuses).as("response statuses").doesNotContain(500);
            assertThat(alloc.unreleased()).as("buffers not released, of %d allocated", alloc.allocations()).isEmpty();
            return this;
        }
    }
}
