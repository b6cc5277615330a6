package org.fargatedsp.loadtest.report;

/**
 * What happened in one second of the run; counts are for that second alone and latencies are of
 * the answers that arrived in it.
 *
 * @param second  seconds since the intended start, the first being 1
 * @param warmup  whether the second lies in the warm-up
 */
public record Second(
        int second, boolean warmup, long sent, long answered, long ok200, long noBid204, long client4xx,
        long server5xx, long timeouts, long failed, double p50Ms, double p99Ms, double maxMs) {}
