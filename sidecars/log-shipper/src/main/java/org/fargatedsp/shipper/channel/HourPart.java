package org.fargatedsp.shipper.channel;

import java.util.Objects;

/**
 * The lines of a batch whose records' {@code ts} fall in one UTC hour, in file order, each ending in {@code \n}.
 * The bytes are exactly those of the file; nothing is re-encoded.
 *
 * @param epochHour the hour, as whole hours since 1970-01-01T00:00Z
 * @param lines the lines; only {@code [0, length)} is meaningful
 * @param length the bytes of {@code lines} in use
 * @param records how many lines
 */
public record HourPart(long epochHour, byte[] lines, int length, int records) {
    public HourPart {
        Objects.requireNonNull(lines, "lines");
        if (length < 0 || length > lines.length || records < 1 || records > length) {
            throw new IllegalArgumentException(records + " records in " + length + " of " + lines.length + " bytes");
        }
    }
}
