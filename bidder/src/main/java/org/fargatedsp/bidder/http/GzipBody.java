package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Inflates a {@code Content-Encoding: gzip} request body into the thread's body buffer, stopping at a limit so
 * that a small compressed body that inflates to gigabytes (a "gzip bomb") costs no more than the limit.
 *
 * <p>The body is one gzip member (RFC 1952, section 2.3), read strictly: its header, the deflate stream, then its
 * trailer, whose CRC-32 and length must match what was inflated, and nothing after it. {@code GZIPInputStream}
 * would read on into further members and ignore whatever else follows, so two requests could be smuggled in one,
 * or bytes nobody checked passed as part of this one. The inflater is the thread's, reused, so a body costs no
 * native allocation.
 */
final class GzipBody {
    /** FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT; the other three are reserved. */
    private static final int KNOWN_FLAGS = 0x1F;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FIXED_HEADER_BYTES = 10;
    private static final int TRAILER_BYTES = 8;
    private static final FastThreadLocal<Inflate> CURRENT = new FastThreadLocal<>() {
        @Override
        protected Inflate initialValue() {
            return new Inflate();
        }

        @Override
        protected void onRemoval(Inflate value) {
            value.inflater.end();
        }
    };

    private GzipBody() {}

    /** A thread's inflater and checksum, reset for each body. */
    private static final class Inflate {
        final Inflater inflater = new Inflater(true);
        final CRC32 crc = new CRC32();
    }

    /** Inflates {@code compressed} into {@code scratch}'s body buffer and returns the inflated length. */
    static int inflate(ByteBuf compressed, BidScratch scratch, int limit) {
        int start = compressed.readerIndex();
        int end = compressed.writerIndex();
        int deflateStart = header(compressed, start, end);
        if (deflateStart == end) {
            throw invalid("the deflate stream is missing");
        }
        Inflate state = CURRENT.get();
        Inflater inflater = state.inflater;
        try {
            ByteBuffer[] input = compressed.nioBuffers(deflateStart, end - deflateStart);
            int part = 0;
            inflater.setInput(input[0]);
            // One byte past the limit tells a body over it from one exactly at it.
            byte[] body = scratch.body();
            int length = 0;
            while (!inflater.finished()) {
                if (length == body.length) {
                    body = scratch.grow(Math.min(limit + 1, Math.max(length * 2, 1024)));
                }
                int read = inflater.inflate(body, length, Math.min(body.length, limit + 1) - length);
                length += read;
                if (length > limit) {
                    throw tooLarge(limit);
                }
                if (read == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary() || !inflater.needsInput() || ++part == input.length) {
                        throw invalid(inflater.needsDictionary() ? "it needs a preset dictionary"
                                : "the deflate stream is cut short");
                    }
                    inflater.setInput(input[part]);
                }
            }
            trailer(compressed, deflateStart + Math.toIntExact(inflater.getBytesRead()), end, body, length, state.crc);
            return length;
        } catch (DataFormatException e) {
            throw invalid(e.getMessage() == null ? "the deflate stream is corrupt" : e.getMessage());
        } finally {
            // Also lets go of the input, a view of a buffer the pipeline releases.
            inflater.reset();
        }
    }

    /** Checks the member header (RFC 1952, 2.3.1) and returns where the deflate stream starts. */
    private static int header(ByteBuf in, int start, int end) {
        if (end - start < FIXED_HEADER_BYTES || in.getUnsignedByte(start) != 0x1F
                || in.getUnsignedByte(start + 1) != 0x8B) {
            throw invalid("not in gzip format");
        }
        if (in.getUnsignedByte(start + 2) != 8) {
            throw invalid("compression method " + in.getUnsignedByte(start + 2) + " is not deflate");
        }
        int flags = in.getUnsignedByte(start + 3);
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw invalid("reserved header flags are set");
        }
        int at = start + FIXED_HEADER_BYTES;
        if ((flags & FEXTRA) != 0) {
            at = within(at + 2, end);
            at = within(at + in.getUnsignedShortLE(at - 2), end);
        }
        if ((flags & FNAME) != 0) {
            at = afterZero(in, at, end);
        }
        if ((flags & FCOMMENT) != 0) {
            at = afterZero(in, at, end);
        }
        if ((flags & FHCRC) != 0) {
            at = within(at + 2, end);
        }
        return at;
    }

    private static int within(int at, int end) {
        if (at > end) {
            throw invalid("the header is cut short");
        }
        return at;
    }

    private static int afterZero(ByteBuf in, int at, int end) {
        int zero = in.indexOf(at, end, (byte) 0);
        if (zero < 0) {
            throw invalid("the header is cut short");
        }
        return zero + 1;
    }

    /** Checks the member trailer (RFC 1952, 2.3.1) at {@code at}: the last bytes of the body. */
    private static void trailer(ByteBuf in, int at, int end, byte[] body, int length, CRC32 crc) {
        if (end - at < TRAILER_BYTES) {
            throw invalid("the trailer is cut short");
        }
        if (end - at > TRAILER_BYTES) {
            throw invalid((end - at - TRAILER_BYTES) + " bytes follow the end of the gzip member; send one member"
                    + " and nothing after it");
        }
        crc.reset();
        crc.update(body, 0, length);
        if (in.getUnsignedIntLE(at) != crc.getValue()) {
            throw invalid("the CRC-32 does not match the inflated body");
        }
        if (in.getUnsignedIntLE(at + 4) != (length & 0xFFFFFFFFL)) {
            throw invalid("the length in the trailer does not match the inflated body");
        }
    }

    private static BadRequestException tooLarge(int limit) {
        return new BadRequestException(BadRequestException.Kind.BODY_TOO_LARGE,
                "the gzip body inflates to more than " + limit + " bytes");
    }

    private static BadRequestException invalid(String reason) {
        return new BadRequestException(BadRequestException.Kind.INVALID_ENCODING, "invalid gzip body: " + reason);
    }
}
