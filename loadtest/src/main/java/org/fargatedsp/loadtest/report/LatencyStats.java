package org.fargatedsp.loadtest.report;

import org.HdrHistogram.Histogram;

/** The usual percentiles of a latency histogram recorded in nanoseconds, in milliseconds. */
public record LatencyStats(
        long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double p9999Ms,
        double maxMs) {
    private static final double NANOS_PER_MS = 1e6;

    /** Percentiles of {@code histogram}; all zero when it is empty. */
    public static LatencyStats of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(
                histogram.getTotalCount(),
                histogram.getMean() / NANOS_PER_MS,
                ms(histogram, 50),
                ms(histogram, 90),
                ms(histogram, 99),
                ms(histogram, 99.9),
                ms(histogram, 99.99),
                histogram.getMaxValue() / NANOS_PER_MS);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / NANOS_PER_MS;
    }
}
