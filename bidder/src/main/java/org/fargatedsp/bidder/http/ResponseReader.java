package org.fargatedsp.bidder.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads HTTP/1.1 responses off a keep-alive connection: the status line, the headers, and a body of
 * {@code Content-Length} bytes (none on a 204, nor in answer to HEAD). The bidder always sends a length.
 */
final class ResponseReader {
    private final InputStream in;
    private final StringBuilder line = new StringBuilder(128);

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** The next response's status code, its body skipped; {@code head} when it answers a HEAD request. */
    int next(boolean head) throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = status == 204 ? 0 : -1;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response " + status + " without a Content-Length");
        }
        if (!head) {
            in.skipNBytes(length);
        }
        return status;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
