package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.notice.NoticeSigningKeys;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void warmsUpBeforeReadyWithoutCountingLoggingOrSpendingAnything() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("WARMUP_REQUESTS", "600", "WARMUP_MAX_MS", "3000"));
        try {
            assertThat(server.bidder().state().ready()).isTrue();
            assertThat(server.bidder().stats().bids()).isZero();
            assertThat(server.bidder().stats().noBidsByReason()).isEmpty();
            assertThat(server.bidder().stats().badRequestsByKind()).isEmpty();
            assertThat(server.bidder().stats().noticesByType()).allSatisfy((type, n) -> assertThat(n).isZero());
            assertThat(((InProcessBudget) server.bidder().ledger().find("northwind-cloud-display")).spentTotalMicros())
                    .isZero();
        } finally {
            server.bidder().stopNow();
        }
        assertThat(BidLogFileNames.listReady(server.bidLogDir())).isEmpty();
        server.close();
    }

    @Test
    void countsWhatTheServerAnsweredOverPipelinedKeepAliveConnections() {
        RunningBidder server = RunningBidder.start(Map.of());
        try {
            Warmup.Result result = Warmup.run(new InetSocketAddress("127.0.0.1", server.port()), 500, 60_000, 2, false,
                    server.bidder().noticeSigner());

            assertThat(result.failure()).isNull();
            assertThat(result.unexpected()).as("every warm-up request is answered as the bidder should").isZero();
            assertThat(result.requests()).isGreaterThanOrEqualTo(500)
                    .isEqualTo(result.bids() + result.noBids() + result.others());
            // Sent to the public port here, so the server's own counters see them: both sides agree.
            assertThat(server.bidder().stats().bids()).isEqualTo(result.bids());
            assertThat(result.bids()).as("the default campaigns bid on most warm-up shapes")
                    .isGreaterThan(result.requests() / 2);
            assertThat(result.noBids()).as("and some are no-bids, so that path is compiled too").isPositive();
            assertThat(server.bidder().stats().badRequestsByKind()).as("every way of refusing a request")
                    .containsKeys("malformed_json", "missing_field", "too_complex", "body_too_large",
                            "unsupported_encoding", "bad_http", "bad_notice", "not_found", "method_not_allowed");
            assertThat(server.bidder().stats().noticesByType()).as("and every notice")
                    .allSatisfy((type, n) -> assertThat(n).isPositive());
            assertThat(server.bidder().stats().duplicateNotices()).isPositive();
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.UNSIGNED)).as("and refused")
                    .isPositive();
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.TAMPERED)).isPositive();
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.EXPIRED)).isPositive();
            assertThat(server.bidder().stats().rejectedNotices(NoticeRejection.PRICE)).isPositive();
        } finally {
            server.close();
        }
    }

    @Test
    void aTargetThatIsNotListeningEndsTheWarmUpWithAReasonInsteadOfAnException() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Warmup.Result result = Warmup.run(new InetSocketAddress("127.0.0.1", closedPort), 100, 5_000, 1, true,
                new NoticeSigner(NoticeSigningKeys.random()));

        assertThat(result.failure()).contains("ConnectException");
        assertThat(result.requests()).isZero();
        assertThat(result.jitQuiet()).isFalse();
    }

    @Test
    void everyGeneratedRequestDecodes() {
        BidRequestDecoder decoder = new BidRequestDecoder(32, 1 << 20);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 700; i++) {
            byte[] body = WarmupRequests.body(i, random).getBytes(StandardCharsets.UTF_8);
            assertThat(decoder.decode(body, 0, body.length).imp()).as("request %d", i)
                    .isNotEmpty();
        }
    }

    @Test
    void readsPipelinedResponsesWithAndWithoutBodies() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}"
                + "HTTP/1.1 204 No Content\r\nx-openrtb-version: 2.6\r\n\r\n"
                + "HTTP/1.1 200 OK\r\ncontent-length: 120\r\n\r\n"
                + "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad";
        ResponseReader reader = new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));

        assertThat(reader.next(false)).isEqualTo(200);
        assertThat(reader.next(false)).isEqualTo(204);
        assertThat(reader.next(true)).as("the answer to a HEAD has a length and no body").isEqualTo(200);
        assertThat(reader.next(false)).isEqualTo(400);
        assertThatThrownBy(() -> reader.next(false)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void refusesAResponseItCannotFrame() {
        ResponseReader noLength = new ResponseReader(new ByteArrayInputStream(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> noLength.next(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("Content-Length");

        ResponseReader notHttp = new ResponseReader(new ByteArrayInputStream(
                "SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> notHttp.next(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("status line");
    }
}
