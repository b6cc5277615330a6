package org.fargatedsp.shipper.sink;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one hour part into a gzip member (RFC 1952), handing the output over in parts of a fixed size as they
 * fill, so that an object of any size needs no more memory than one part. One per worker thread: the deflater and
 * the buffer are reused from object to object. The same input always gives the same bytes (a fixed header with no
 * time or name, the same level), which is what makes a re-delivered object identical to the first one.
 */
final class GzipParts {
    /** Takes a full part, {@code buffer[0, length)}; the buffer is reused once it returns. */
    interface PartConsumer {
        void part(byte[] buffer, int length);
    }

    // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown): no name, no time, so the bytes depend on data alone.
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER_BYTES = 8;
    private static final int FIRST_BUFFER_BYTES = 256 * 1024;

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final int partBytes;
    private byte[] buffer;
    private int length;

    GzipParts(int level, int partBytes) {
        if (partBytes < HEADER.length + TRAILER_BYTES) {
            throw new IllegalArgumentException("part of " + partBytes + " bytes");
        }
        this.deflater = new Deflater(level, true);
        this.partBytes = partBytes;
        this.buffer = new byte[Math.min(FIRST_BUFFER_BYTES, partBytes)];
    }

    /**
     * Compresses {@code data[0, length)}: every full part goes to {@code full} as it fills; the last, not full
     * one stays in {@link #buffer()} ({@link #length()} bytes) for the caller to send.
     */
    void compress(byte[] data, int dataLength, PartConsumer full) {
        length = 0;
        deflater.reset();
        crc.reset();
        crc.update(data, 0, dataLength);
        put(HEADER, 0, HEADER.length, full);
        deflater.setInput(data, 0, dataLength);
        deflater.finish();
        while (!deflater.finished()) {
            if (length == buffer.length) {
                makeRoom(full);
            }
            length += deflater.deflate(buffer, length, buffer.length - length);
        }
        byte[] trailer = new byte[TRAILER_BYTES];
        littleEndian(trailer, 0, (int) crc.getValue());
        littleEndian(trailer, 4, dataLength);
        put(trailer, 0, TRAILER_BYTES, full);
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** Frees the deflater's native memory. */
    void end() {
        deflater.end();
    }

    private void put(byte[] bytes, int offset, int count, PartConsumer full) {
        while (count > 0) {
            if (length == buffer.length) {
                makeRoom(full);
            }
            int n = Math.min(count, buffer.length - length);
            System.arraycopy(bytes, offset, buffer, length, n);
            length += n;
            offset += n;
            count -= n;
        }
    }

    // Small objects never need a whole part's buffer: it grows by doubling, and only a full part is handed over.
    private void makeRoom(PartConsumer full) {
        if (buffer.length < partBytes) {
            byte[] larger = new byte[(int) Math.min(partBytes, 2L * buffer.length)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        } else {
            full.part(buffer, length);
            length = 0;
        }
    }

    private static void littleEndian(byte[] into, int at, int value) {
        into[at] = (byte) value;
        into[at + 1] = (byte) (value >>> 8);
        into[at + 2] = (byte) (value >>> 16);
        into[at + 3] = (byte) (value >>> 24);
    }
}
