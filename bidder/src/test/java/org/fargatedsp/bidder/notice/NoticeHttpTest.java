package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Notices at volume over real sockets, as a flood of distinct signed loss notices would come: the dedupe cache
 * stays within {@code NOTICE_DEDUPE_MAX_BYTES} as {@code /health} reports it, and a token past the cap is a 400
 * that does not echo it.
 */
class NoticeHttpTest {
    private static final int CONNECTIONS = 2;
    private static final int NOTICES_PER_CONNECTION = 50_000;
    private static final long MAX_BYTES = 1 << 20;

    @Test
    void distinctNoticesPipelinedByTheHundredThousandKeepTheDedupeCacheWithinItsBudget() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2 * CONNECTIONS);
        try (RunningBidder server = RunningBidder.start(Map.of("NOTICE_DEDUPE_MAX_BYTES", Long.toString(MAX_BYTES),
                "BID_LOG_ENABLED", "false"))) {
            List<CompletableFuture<Integer>> sent = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                NoticeSigner signer = server.bidder().noticeSigner();
                sent.add(CompletableFuture.supplyAsync(() -> pipeline(server.port(), connection, signer, clients),
                        clients));
            }
            long most = 0;
            while (!CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).isDone()) {
                JsonNode dedupe = dedupe(server);
                assertThat(dedupe.path("bytes").asLong()).isLessThanOrEqualTo(MAX_BYTES);
                most = Math.max(most, dedupe.path("bytes").asLong());
            }
            for (CompletableFuture<Integer> connection : sent) {
                assertThat(connection.get()).as("notices answered 204").isEqualTo(NOTICES_PER_CONNECTION);
            }

            JsonNode dedupe = dedupe(server);
            assertThat(dedupe.path("max_bytes").asLong()).isEqualTo(MAX_BYTES);
            assertThat(dedupe.path("bytes").asLong()).isLessThanOrEqualTo(MAX_BYTES)
                    .isEqualTo(dedupe.path("entries").asLong() * HeapNoticeDedupe.ENTRY_BYTES);
            assertThat(Math.max(most, dedupe.path("bytes").asLong())).as("the budget was reached, and held")
                    .isGreaterThan(MAX_BYTES / 2);
            assertThat(server.bidder().stats().notices(Notice.Type.LOSS))
                    .isEqualTo((long) CONNECTIONS * NOTICES_PER_CONNECTION);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aTokenPastTheCapIsABadRequestThatDoesNotEchoIt() {
        try (RunningBidder server = RunningBidder.start(Map.of("BID_LOG_ENABLED", "false"))) {
            String longToken = "z".repeat(3000);
            var response = server.get("/notice/loss?tk=" + longToken + "&l=102");

            assertThat(response.statusCode()).isEqualTo(400);
            String reason = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(reason).contains("tk is 3000 characters long; at most " + NoticeToken.MAX_CHARS)
                    .doesNotContain("zzz");
            assertThat(server.bidder().stats().notices(Notice.Type.LOSS)).isZero();
        }
    }

    private static JsonNode dedupe(RunningBidder server) {
        try {
            return Json.MAPPER.readTree(server.get("/health").body()).path("notice_dedupe");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends distinct loss notices on one keep-alive connection from one thread while this one reads the answers;
     * returns how many were 204.
     */
    private static int pipeline(int port, int connection, NoticeSigner signer, ExecutorService writers) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 << 10);
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    for (int n = 0; n < NOTICES_PER_CONNECTION; n++) {
                        out.write(request(signer, connection, n));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, writers);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
            int noContent = 0;
            for (int n = 0; n < NOTICES_PER_CONNECTION; n++) {
                if (readStatus(in) == 204) {
                    noContent++;
                }
            }
            written.join();
            return noContent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A signed loss notice of a distinct bid whose request, impression and campaign ids are each the longest the
     * parser takes, and distinct.
     */
    private static byte[] request(NoticeSigner signer, int connection, int n) {
        String id = connection + "-" + n;
        id = "x".repeat(NoticeParser.MAX_VALUE_CHARS - id.length()) + id;
        SignedBid bid = new SignedBid(connection, n, System.currentTimeMillis() / 1000, 1_000_000, "USD", null, id,
                id, id, "cr", null);
        return ("GET " + TestNotices.uri(signer, Notice.Type.LOSS, bid, "&l=102") + " HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response and returns its status; the body, if any, is skipped by its Content-Length. */
    private static int readStatus(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(status.substring(9, 12));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
