package org.fargatedsp.bidlog;

import java.math.BigDecimal;

/** Converts prices between micros (how the bidder holds them) and the decimal CPM the log line carries. */
public final class Prices {
    private static final long MICROS_PER_UNIT = 1_000_000L;
    // Long.MAX_VALUE micros is 9,223,372,036,854 units: thirteen digits.
    private static final int MAX_UNIT_DIGITS = 13;

    private Prices() {}

    /**
     * Writes {@code micros} as a decimal (at least one fraction digit, trailing zeros dropped) into {@code buf}
     * from index 0 and returns the number of chars written. {@code buf} needs 28 chars; no allocation.
     */
    public static int format(long micros, char[] buf) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative price: " + micros);
        }
        long units = micros / MICROS_PER_UNIT;
        int fraction = (int) (micros % MICROS_PER_UNIT);
        int len = writeDigits(units, buf, 0);
        buf[len++] = '.';
        int digits = 6;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        for (int i = digits - 1; i >= 0; i--) {
            buf[len + i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return len + digits;
    }

    /** The price as a decimal string, e.g. {@code 1.25} for 1,250,000 micros. */
    public static String format(long micros) {
        char[] buf = new char[28];
        return new String(buf, 0, format(micros, buf));
    }

    /**
     * The micros of a decimal price; rejects a negative price and one finer than a micro, which this schema
     * never writes, rather than rounding it silently.
     */
    public static long toMicros(BigDecimal price) {
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative: " + price);
        }
        if (price.signum() == 0) {
            return 0;
        }
        // Bounded before it is moved: 1e999999999 moved right would be a billion-digit BigInteger.
        BigDecimal exact = price.stripTrailingZeros();
        if (exact.scale() > 6 || (long) exact.precision() - exact.scale() > MAX_UNIT_DIGITS) {
            // toString, not toPlainString: scientific notation keeps the message short.
            throw new IllegalArgumentException("price " + price + " is finer than a millionth or too large");
        }
        try {
            return exact.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price " + price + " is finer than a millionth or too large", e);
        }
    }

    private static int writeDigits(long value, char[] buf, int off) {
        if (value == 0) {
            buf[off] = '0';
            return off + 1;
        }
        int len = 0;
        for (long v = value; v > 0; v /= 10) {
            len++;
        }
        for (int i = off + len - 1; i >= off; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return off + len;
    }
}
