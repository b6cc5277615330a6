package org.fargatedsp.loadtest.stalls;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What a {@link StallMeter} saw: how many stalls per second passed each of a few lengths, the longest, and the share
 * of the time the measuring thread lost.
 *
 * @param elapsedNanos how long the meter ran
 * @param thresholdNanos the shortest gap it counted
 * @param stalls the length of every stall, in nanoseconds
 * @param stalledNanos the time lost to them in all
 */
public record StallReport(long elapsedNanos, long thresholdNanos, Histogram stalls, long stalledNanos) {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Stalls per second at least {@code nanos} long. */
    public double perSecondOver(long nanos) {
        long count = 0;
        if (stalls.getTotalCount() > 0 && stalls.getMaxValue() >= nanos) {
            count = stalls.getCountBetweenValues(stalls.lowestEquivalentValue(nanos), stalls.getMaxValue());
        }
        return count / (elapsedNanos / 1e9);
    }

    /** The longest stall in nanoseconds, 0 when there was none. */
    public long longestNanos() {
        return stalls.getTotalCount() == 0 ? 0 : stalls.getMaxValue();
    }

    /** The share of the time lost to stalls, 0 to 1. */
    public double lostFraction() {
        return elapsedNanos == 0 ? 0 : (double) stalledNanos / elapsedNanos;
    }

    /** One line for people and for scripts (every figure has its unit). */
    public String render(String where) {
        return String.format(Locale.ROOT, "stalls %s over %.1f s: %.1f/s over 0.5 ms, %.1f/s over 1 ms, %.1f/s over"
                + " 3 ms, longest %.2f ms, %.2f%% of the time lost (gaps from %d us counted)", where,
                elapsedNanos / 1e9, perSecondOver(MS / 2), perSecondOver(MS), perSecondOver(3 * MS),
                longestNanos() / 1e6, 100 * lostFraction(), TimeUnit.NANOSECONDS.toMicros(thresholdNanos));
    }
}
