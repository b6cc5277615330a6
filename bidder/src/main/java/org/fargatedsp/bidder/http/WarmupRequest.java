package org.fargatedsp.bidder.http;

import java.nio.charset.StandardCharsets;

/**
 * One request of the warm-up as raw HTTP/1.1 bytes, with the statuses that answer it as the bidder should.
 *
 * @param bidPath whether it goes to the bid endpoint: its 200s and 204s are bids and no-bids
 * @param head whether it is a HEAD request, whose response has a Content-Length but no body
 */
record WarmupRequest(byte[] bytes, int[] statuses, boolean bidPath, boolean head) {
    private static final int[] BID_ANSWER = {200, 204};

    /** A bid request answered with a bid or a no-bid. */
    static WarmupRequest bid(byte[] bytes) {
        return new WarmupRequest(bytes, BID_ANSWER, true, false);
    }

    /** A request to the bid endpoint answered with one of {@code statuses}. */
    static WarmupRequest toBidPath(byte[] bytes, int... statuses) {
        return new WarmupRequest(bytes, statuses, true, false);
    }

    /** A request to another endpoint, or refused before reaching one, answered with one of {@code statuses}. */
    static WarmupRequest other(String raw, int... statuses) {
        return new WarmupRequest(raw.getBytes(StandardCharsets.ISO_8859_1), statuses, false,
                raw.startsWith("HEAD "));
    }

    boolean answeredBy(int status) {
        for (int expected : statuses) {
            if (expected == status) {
                return true;
            }
        }
        return false;
    }

    /** {@code POST path} with {@code body} and the extra header lines given, as an SSP sends it. */
    static byte[] post(String path, byte[] body, String version, String... headers) {
        StringBuilder head = new StringBuilder(160).append("POST ").append(path)
                .append(" HTTP/1.1\r\nHost: warmup\r\nContent-Type: application/json\r\n");
        if (version != null) {
            head.append("x-openrtb-version: ").append(version).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }
}
