package org.fargatedsp.bidder.bidlog;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The writer thread's batch: encoded lines collect here and go to the file in one write. Growable, reused for
 * every batch, and able to give back the bytes of the last line when that line may not be written.
 */
final class LineBuffer extends OutputStream {
    private byte[] bytes;
    private int length;

    LineBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    int length() {
        return length;
    }

    /** Forgets everything from {@code newLength} on. */
    void truncate(int newLength) {
        length = newLength;
    }

    /** Drops the first {@code count} bytes, moving the rest to the front. */
    void discardFirst(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }

    /** The first {@code count} bytes, as a buffer sharing this one's array. */
    ByteBuffer first(int count) {
        return ByteBuffer.wrap(bytes, 0, count);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
