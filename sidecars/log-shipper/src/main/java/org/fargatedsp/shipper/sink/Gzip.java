package org.fargatedsp.shipper.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip of objects: level 1, the fastest, which already shrinks bid-log lines about tenfold; compression is
 * most of the shipper's CPU. Java writes a fixed header (no time stamp), so the same lines give the same bytes.
 */
final class Gzip {
    static final int LEVEL = Deflater.BEST_SPEED;
    private static final int BUFFER = 64 * 1024;

    private Gzip() {}

    /** A gzip stream onto {@code out}, which it closes. */
    static OutputStream output(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, BUFFER) {
            {
                def.setLevel(LEVEL);
            }
        };
    }
}
