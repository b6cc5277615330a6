package org.fargatedsp.loadtest.report;

/**
 * Response-time percentiles of the answers that arrived in one minute after the warm-up, to see
 * whether a long run drifts.
 *
 * @param minute minutes since the end of the warm-up, the first being 1
 */
public record Minute(int minute, long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {}
