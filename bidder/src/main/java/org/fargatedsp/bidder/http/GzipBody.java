package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Inflates a {@code Content-Encoding: gzip} request body into the thread's body buffer, stopping at a limit so
 * that a small compressed body that inflates to gigabytes (a "gzip bomb") costs no more than the limit.
 */
final class GzipBody {
    private GzipBody() {}

    /** Inflates {@code compressed} into {@code scratch}'s body buffer and returns the inflated length. */
    static int inflate(ByteBuf compressed, BidScratch scratch, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteBufInputStream(compressed.duplicate()), 8192)) {
            int length = 0;
            byte[] body = scratch.body();
            int capacity = Math.min(body.length, limit);
            while (true) {
                if (length == capacity) {
                    if (capacity >= limit) {
                        if (in.read() < 0) {
                            return length;
                        }
                        throw new BadRequestException(BadRequestException.Kind.BODY_TOO_LARGE,
                                "the gzip body inflates to more than " + limit + " bytes");
                    }
                    body = scratch.grow(Math.min(limit, length * 2));
                    capacity = Math.min(body.length, limit);
                }
                int read = in.read(body, length, capacity - length);
                if (read < 0) {
                    return length;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new BadRequestException(BadRequestException.Kind.INVALID_ENCODING,
                    "invalid gzip body: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
