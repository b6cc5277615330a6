package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backpressure on the whole pipeline, on a {@link ClientChannel} whose client can stop reading: what one
 * connection queues for a client that reads nothing stays within its bounds, and a client that reads never
 * notices them.
 */
class FlowControlTest {
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    private final TrackingAllocator allocator = new TrackingAllocator();
    private EmbeddedBidder bidder;
    private ClientChannel channel;

    @AfterEach
    void releasedEveryBuffer() {
        channel.startReading();
        channel.finishAndReleaseAll();
        assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
    }

    private ClientChannel connect(Map<String, String> env) {
        bidder = EmbeddedBidder.withDefaultCampaigns(env);
        channel = bidder.connect(ClientChannel.create(), allocator);
        return channel;
    }

    private FlowControl flow() {
        return channel.pipeline().get(FlowControl.class);
    }

    private void send(String text) {
        channel.writeInbound(allocator.buffer().writeBytes(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aClientThatReadsGetsEveryPipelinedAnswerWithoutEverBeingHeldBack() {
        connect(Map.of());

        send(HEALTH.repeat(100));

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).hasSize(100)
                .allMatch(line -> line.equals("HTTP/1.1 200 OK"));
        assertThat(flow().unblocks()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void stopsReadingAtMaxPipelinedRequestsWhileTheClientReadsNothingThenAnswersTheRestInOrder() {
        connect(Map.of("MAX_PIPELINED_REQUESTS", "8")).stopReading();

        send(HEALTH.repeat(99) + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(flow().blocked()).isTrue();
        assertThat(flow().inFlight()).isEqualTo(8);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.queuedBytes()).isPositive();

        channel.startReading();

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).hasSize(100)
                .endsWith("HTTP/1.1 404 Not Found");
        assertThat(flow().blocked()).isFalse();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    /**
     * Regression: held back, the decoder made nothing of the heads the strictness scanner handed it, the scanner
     * lost the framing and passed the rest unscanned, and a folded head after the block was answered.
     */
    @Test
    void refusesAFoldedHeadThatArrivedWhileTheConnectionWasHeldBack() {
        connect(Map.of("MAX_PIPELINED_REQUESTS", "8")).stopReading();

        send(HEALTH.repeat(20) + "GET /health HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n" + HEALTH);
        assertThat(flow().blocked()).isTrue();

        channel.startReading();

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).hasSize(21)
                .endsWith("HTTP/1.1 400 Bad Request");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void queuesAtMostOneResponsePastTheHighWaterMark() {
        connect(Map.of("MAX_PIPELINED_REQUESTS", "1024", "WRITE_BUFFER_HIGH_WATER_BYTES", "4096")).stopReading();

        send(HEALTH.repeat(100));

        long queued = channel.queuedBytes();
        channel.startReading();
        String out = ClientChannel.readAll(channel);
        int responseBytes = out.length() / ClientChannel.statusLines(out).size();
        assertThat(queued).as("queued while the client read nothing").isGreaterThan(4096)
                // Each buffer the encoder writes also counts Netty's estimate of the queue entry's own size.
                .isLessThanOrEqualTo(4096 + responseBytes + 2 * 96);
        assertThat(ClientChannel.statusLines(out)).hasSize(100);
    }

    @Test
    void closesAConnectionWhoseClientReadsNothingForTheStallTimeout() {
        connect(Map.of("MAX_PIPELINED_REQUESTS", "8", "WRITE_STALL_TIMEOUT_MS", "5000")).stopReading();
        send(HEALTH.repeat(20));

        channel.advanceMillis(4_999);
        assertThat(channel.isOpen()).isTrue();

        channel.advanceMillis(1);
        assertThat(channel.isOpen()).isFalse();
        assertThat(bidder.connectionStats().stalled()).isEqualTo(1);
    }

    @Test
    void aClientThatReadsBeforeTheStallTimeoutKeepsItsConnection() {
        connect(Map.of("MAX_PIPELINED_REQUESTS", "8", "WRITE_STALL_TIMEOUT_MS", "5000")).stopReading();
        send(HEALTH.repeat(20));

        channel.advanceMillis(4_000);
        channel.startReading();
        channel.stopReading();
        send(HEALTH.repeat(20));
        channel.advanceMillis(4_000);

        assertThat(channel.isOpen()).isTrue();
        assertThat(flow().blocked()).as("blocked again, since the second batch").isTrue();
        channel.advanceMillis(1_000);
        assertThat(channel.isOpen()).isFalse();
    }
}
