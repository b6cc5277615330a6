package org.fargatedsp.bidder.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * The rules of RFC 9112 that {@link HttpStrictness} holds a request head to, beyond what Netty's decoder checks:
 * no obs-fold, a {@code Transfer-Encoding} of a lone {@code chunked} if any, and one valid {@code Host} (none is
 * allowed in HTTP/1.0, which predates it).
 */
final class HeadRules {
    /** Longest piece of a header value quoted back in a refusal. */
    private static final int MAX_QUOTED_CHARS = 64;

    private HeadRules() {}

    /** What is wrong with the head of {@code request} that the decoder accepted, or null. */
    static String problem(HttpRequest request, boolean headFolded) {
        if (headFolded) {
            return "a header line starts with whitespace, folding it onto the one before (obs-fold), which this"
                    + " server refuses (RFC 9112, 5.2)";
        }
        // Most requests have a length, not a Transfer-Encoding: they allocate no list of its values.
        if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            List<String> transferEncodings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (transferEncodings.size() > 1
                    || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(transferEncodings.get(0).trim())) {
                return "Transfer-Encoding " + quoted(String.join(", ", transferEncodings))
                        + ": only a lone chunked is accepted (RFC 9112, 6.1)";
            }
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return "more than one Host header (RFC 9112, 3.2)";
        }
        if (hosts.isEmpty()) {
            return request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? null
                    : "an HTTP/1.1 request needs a Host header (RFC 9112, 3.2)";
        }
        return validHost(hosts.get(0)) ? null
                : "Host " + quoted(hosts.get(0)) + " is not a host and port (RFC 9110, 7.2)";
    }

    /**
     * A {@code uri-host [":" port]} (RFC 3986, 3.2.2): a name of unreserved characters, percent-escapes and
     * sub-delims, or an IP literal in brackets; empty is allowed (RFC 9112, 3.2).
     */
    static boolean validHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=%:[]".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String value) {
        String shown = value.length() <= MAX_QUOTED_CHARS ? value : value.substring(0, MAX_QUOTED_CHARS) + "...";
        return '"' + shown + '"';
    }
}
