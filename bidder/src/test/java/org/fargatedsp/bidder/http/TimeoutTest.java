package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read timeout and the idle timeout of the whole pipeline, on a {@link ClientChannel} whose clock the test
 * moves: the read timeout counts from a request's first byte, header bytes included, whatever trickles in after;
 * the idle timeout counts between requests.
 */
class TimeoutTest {
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    private final TrackingAllocator allocator = new TrackingAllocator();
    private EmbeddedBidder bidder;
    private ClientChannel channel;

    @BeforeEach
    void connect() {
        bidder = EmbeddedBidder.withDefaultCampaigns(Map.of("REQUEST_READ_TIMEOUT_MS", "5000",
                "IDLE_TIMEOUT_MS", "75000"));
        channel = bidder.connect(ClientChannel.create(), allocator);
    }

    @AfterEach
    void releasedEveryBuffer() {
        channel.finishAndReleaseAll();
        assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
    }

    private void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        // Room to spare: a read that does not fill its buffer is one that emptied the socket.
        channel.writeInbound(allocator.buffer(2 * bytes.length).writeBytes(bytes));
    }

    @Test
    void closesWith408AtTheReadTimeoutAConnectionSendingItsHeadersOneByteASecond() {
        String head = "POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n";
        for (int i = 0; i < 5; i++) {
            send(head.substring(i, i + 1));
            channel.advanceMillis(i < 4 ? 1_000 : 999);
        }
        assertThat(channel.isOpen()).as("4.999 s after the first byte").isTrue();
        assertThat(ClientChannel.readAll(channel)).isEmpty();

        channel.advanceMillis(1);

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel)))
                .containsExactly("HTTP/1.1 408 Request Timeout");
        assertThat(channel.isOpen()).isFalse();
        assertThat(bidder.stats().badRequests(BadRequestException.Kind.READ_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void timesARequestFromItsFirstByteWhenItFollowsAnotherInTheSameRead() {
        send(HEALTH + "GET /hea");
        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).containsExactly("HTTP/1.1 200 OK");

        channel.advanceMillis(4_999);
        send("l");
        assertThat(channel.isOpen()).isTrue();
        channel.advanceMillis(1);

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel)))
                .containsExactly("HTTP/1.1 408 Request Timeout");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRequestThatArrivesInTimeIsAnsweredAndTheConnectionStaysOpen() {
        send("GET /hea");
        channel.advanceMillis(4_999);
        send("lth HTTP/1.1\r\nHost: x\r\n\r\n");
        channel.advanceMillis(10_000);

        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).containsExactly("HTTP/1.1 200 OK");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void closesAConnectionIdleForTheIdleTimeoutAfterItsLastRequest() {
        channel.advanceMillis(30_000);
        send(HEALTH);

        channel.advanceMillis(74_999);
        assertThat(channel.isOpen()).isTrue();
        channel.advanceMillis(1);

        assertThat(channel.isOpen()).isFalse();
        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).containsExactly("HTTP/1.1 200 OK");
    }

    @Test
    void aRequestRefusedWith417BeforeItsBodyHasEndedAndTheConnectionIdles() {
        send("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 10\r\n\r\n");
        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel)))
                .containsExactly("HTTP/1.1 417 Expectation Failed");

        channel.advanceMillis(60_000);

        assertThat(channel.isOpen()).isTrue();
        assertThat(ClientChannel.readAll(channel)).as("no 408 for the body never sent").isEmpty();
    }

    @Test
    void emptyLinesBetweenRequestsStartNoReadTimeout() {
        send(HEALTH + "\r\n");
        send("\r\n");

        channel.advanceMillis(60_000);

        assertThat(channel.isOpen()).isTrue();
        assertThat(ClientChannel.statusLines(ClientChannel.readAll(channel))).containsExactly("HTTP/1.1 200 OK");
    }

    /**
     * Regression: with the strictness scanner handing the codec one head or body at a time, the first request of
     * a read after the stop looked like the last one read (nothing buffered behind it), said Connection: close,
     * and the requests after it in the same read went unanswered.
     */
    @Test
    void answersEveryPipelinedRequestReadAfterTheStopAndClosesOnlyAfterTheLast() {
        String bid = new String(RawHttp.post("/openrtb2/bid", OpenRtbExamples.request("2.6/simple-banner.json")),
                StandardCharsets.ISO_8859_1);
        channel.pipeline().fireUserEventTriggered(TimeoutHandler.DRAIN);

        // The second read completes a head the first one began.
        send(bid + HEALTH + bid.substring(0, 20));
        assertThat(channel.isOpen()).isTrue();
        send(bid.substring(20) + HEALTH);

        String out = ClientChannel.readAll(channel);
        assertThat(ClientChannel.statusLines(out)).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK",
                "HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        String last = out.substring(out.lastIndexOf("HTTP/1.1 200 OK"));
        assertThat(out.split("connection: close", -1)).as("responses saying connection: close").hasSize(2);
        assertThat(last).contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
    }
}
