package org.fargatedsp.bidder.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.notice.SignedBid;

/**
 * The warm-up's requests that are not plain bid requests: every other path real traffic takes, so that the first
 * of each after {@code /health} turns 200 does not pay for class loading and the interpreter. Refusals (malformed
 * JSON, a body that decodes to nothing biddable, bad gzip, unknown encodings, 404, 405, 413), the departures from
 * the spec exchanges send, gzip bodies and responses, exchange paths, health checks, and the win, billing and loss
 * notices, valid (signed with the bidder's own key), repeated, unreadable and refused (unsigned, tampered, expired,
 * over the bid). Those that end their connection are {@link #closing()}.
 */
final class WarmupPaths {
    /** More than any MAX_INFLATED_BODY_BYTES would be set to in practice: the inflate limit's refusal. */
    private static final int ZIP_BOMB_BYTES = 4 << 20;
    private static final String BANNER = "{\"id\":\"%s\",\"imp\":[{\"id\":\"1\",\"bidfloor\":0.05,"
            + "\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"domain\":\"warmup.example.com\"},"
            + "\"device\":{\"geo\":{\"country\":\"USA\"}}}";

    private WarmupPaths() {}

    /** How many kinds {@link #keepAlive} makes; {@code kind} is taken modulo it. */
    static final int KINDS = 33;
    /** The bid id prefix of the warm-up's notices: no bidder's {@code BidIds} are told apart by it. */
    private static final long NOTICE_BID_PREFIX = 0x7761726dL;

    /**
     * The {@code n}th request of kind {@code kind}: one that leaves its keep-alive connection open. Notices are of
     * bids placed at {@code nowMillis}, signed by {@code signer}.
     */
    static WarmupRequest keepAlive(int kind, int n, long nowMillis, NoticeSigner signer) {
        String id = "warmup-path-" + n;
        String notice = "tk=" + signer.token(warmupBid(n, id, nowMillis / 1000));
        return switch (kind % KINDS) {
            case 0 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"banner\":"), 400);
            case 1 -> bidPath(json("<html><body>not json</body></html>"), 400);
            case 2 -> bidPath(json("{\"id\":\"" + id + "\"}"), 400);
            case 3 -> bidPath(json("{\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}"), 400);
            case 4 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"bidfloor\":\"0.5\","
                    + "\"banner\":{\"w\":\"300\",\"h\":\"250\"}}]}"), 200, 204);
            case 5 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"instl\":\"\",\"bidfloor\":-1,"
                    + "\"banner\":{\"format\":{\"w\":300,\"h\":250}}}]}"), 200, 204);
            case 6 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"video\":{\"mimes\":[\"video/mp4\"],"
                    + "\"protocol\":[2,3]}},{\"id\":\"1\",\"banner\":null}]}"), 200, 204);
            case 7 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},"
                    + "\"pmp\":{\"deals\":[{\"id\":12345,\"bidfloor\":\"1\"}]}}]}"), 200, 204);
            case 8 -> bidPath(json("{\"id\":\"" + id + "\",\"tmax\":\"120\",\"imp\":[{\"id\":\"1\",\"banner\":{"
                    + "\"w\":300,\"h\":250,\"mimes\":\"image/png\"}}],\"site\":null,\"device\":[]}"), 200, 204);
            case 9 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[]}"), 400);
            case 10 -> bidPath(json("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":1e999}}]}"),
                    200, 204);
            case 11 -> bidPath(nested(100), 400);
            case 12 -> WarmupRequest.bid(WarmupRequest.post("/openrtb2/bid", gzip(json(BANNER.formatted(id))), "2.6",
                    "Content-Encoding: gzip"));
            case 13 -> WarmupRequest.toBidPath(WarmupRequest.post("/openrtb2/bid",
                    new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3}, "2.6", "Content-Encoding: gzip"),
                    400);
            case 14 -> WarmupRequest.toBidPath(WarmupRequest.post("/openrtb2/bid", gzip(new byte[ZIP_BOMB_BYTES]),
                    "2.6", "Content-Encoding: gzip"), 400, 413);
            case 15 -> WarmupRequest.toBidPath(WarmupRequest.post("/openrtb2/bid", json(BANNER.formatted(id)), "2.6",
                    "Content-Encoding: br"), 415);
            case 16 -> WarmupRequest.bid(WarmupRequest.post("/openrtb2/bid", json(BANNER.formatted(id)), "2.5",
                    "Accept-Encoding: gzip, deflate"));
            case 17 -> WarmupRequest.bid(WarmupRequest.post("/openrtb2/bid/warmup-exchange",
                    json(BANNER.formatted(id)), null));
            case 18 -> WarmupRequest.toBidPath(WarmupRequest.post("/openrtb2/bid/not%20an%20exchange",
                    json(BANNER.formatted(id)), "2.6"), 400);
            case 19 -> WarmupRequest.other("GET /openrtb2/bid HTTP/1.1\r\nHost: warmup\r\n\r\n", 405);
            case 20 -> WarmupRequest.other("GET /warmup/" + n + " HTTP/1.1\r\nHost: warmup\r\n\r\n", 404);
            case 21 -> WarmupRequest.other(n % 2 == 0 ? "GET /health HTTP/1.1\r\nHost: warmup\r\n\r\n"
                    : "HEAD /health HTTP/1.1\r\nHost: warmup\r\n\r\n", 200, 503);
            case 22 -> get("/notice/win?" + notice + "&p=1.25", 204);
            case 23 -> get("/notice/billing?" + notice + "&p=" + (n % 2 == 0 ? "1.25" : "1.250000"), 204);
            case 24 -> get("/notice/loss?" + notice + "&p=${AUCTION_PRICE}&l="
                    + (n % 2 == 0 ? "102" : "${AUCTION_LOSS}"), 204);
            case 25 -> WarmupRequest.other("POST /notice/billing?" + notice + "&p=1.25 HTTP/1.1\r\nHost: warmup\r\n"
                    + "Content-Length: 0\r\n\r\n", 204);
            case 26 -> get("/notice/win?b=wb" + n + "&r=" + id + "&i=1&c=warmup-campaign&cr=warmup-creative&p=1",
                    403);
            case 27 -> get("/notice/billing?" + notice + "&p=9", 403);
            case 28 -> get("/notice/billing?" + tampered(notice, n) + "&p=1", 403);
            case 29 -> get("/notice/billing?tk=" + signer.token(warmupBid(n, id, 1)) + "&p=1", 403);
            case 30 -> get("/notice/billing?" + notice + "&p=%zz", 400);
            case 31 -> get("/notice/billing?" + notice + "&p=1&p=2", 400);
            default -> WarmupRequest.other("PUT /notice/win?" + notice + " HTTP/1.1\r\nHost: warmup\r\n"
                    + "Content-Length: 0\r\n\r\n", 405);
        };
    }

    /**
     * Requests after which the server closes the connection, each sent on a connection of its own: a request the
     * HTTP codec cannot parse, a body over MAX_BODY_BYTES, {@code Connection: close}, and HTTP/1.0.
     */
    static List<WarmupRequest> closing() {
        byte[] banner = json(BANNER.formatted("warmup-closing"));
        return List.of(
                WarmupRequest.other("\u0001\u0002 not http\r\n\r\n", 400),
                WarmupRequest.other("POST /openrtb2/bid HTTP/1.1\r\nHost: warmup\r\nConnection: close\r\n"
                        + "Content-Length: 2147483647\r\n\r\n", 413),
                WarmupRequest.bid(WarmupRequest.post("/openrtb2/bid", banner, "2.6", "Connection: close")),
                WarmupRequest.bid(http10(WarmupRequest.post("/openrtb2/bid", banner, "2.5"))));
    }

    /** A bid of the warm-up at {@code bidTimeSeconds}, 2.50 CPM, for its notices' tokens. */
    private static SignedBid warmupBid(int n, String requestId, long bidTimeSeconds) {
        return new SignedBid(NOTICE_BID_PREFIX, n, bidTimeSeconds, 2_500_000, "USD", null, requestId, "1",
                "warmup-campaign-" + n % 7, "warmup-creative", null);
    }

    /** {@code notice} with one character of its token changed, a different one for each {@code n}. */
    private static String tampered(String notice, int n) {
        char[] chars = notice.toCharArray();
        int at = 3 + n % (chars.length - 3);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    /** The same request in HTTP/1.0, which closes after its response unless it asks for keep-alive. */
    private static byte[] http10(byte[] request) {
        return new String(request, StandardCharsets.ISO_8859_1).replaceFirst(" HTTP/1\\.1\r\n", " HTTP/1.0\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static WarmupRequest bidPath(byte[] body, int... statuses) {
        return WarmupRequest.toBidPath(WarmupRequest.post("/openrtb2/bid", body, "2.6"), statuses);
    }

    private static WarmupRequest get(String pathAndQuery, int... statuses) {
        return WarmupRequest.other("GET " + pathAndQuery + " HTTP/1.1\r\nHost: warmup\r\n\r\n", statuses);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Arrays nested {@code depth} deep: over the decoder's nesting limit. */
    private static byte[] nested(int depth) {
        return json("{\"id\":\"deep\",\"imp\":[{\"id\":\"1\",\"ext\":" + "[".repeat(depth) + "]".repeat(depth) + "}]}");
    }

    /** {@code bytes} gzipped, as a client sends a body with {@code Content-Encoding: gzip}. */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
