package org.fargatedsp.deploy.judge;

/**
 * The limits the judge holds a canary to, each relative to the baseline over the same window.
 *
 * @param minCanaryRequests fewer canary requests than this is "not enough data", which fails the canary
 * @param max5xxRate absolute ceiling on the canary's share of 5xx responses
 * @param max5xxRateDelta how far the canary's 5xx share may exceed the baseline's
 * @param maxErrorRateDelta how far the canary's share of requests with outcome=error may exceed the baseline's
 * @param maxP99Ratio the canary's p99 may be at most this multiple of the baseline's ...
 * @param p99SlackMs ... plus this many milliseconds, so a 2 ms baseline does not fail a 3 ms canary
 * @param maxNoBidRatioDelta how far the canary's no-bid ratio may move from the baseline's, either way
 * @param maxTaskRestarts canary tasks that may stop during the bake
 */
public record Thresholds(long minCanaryRequests, double max5xxRate, double max5xxRateDelta,
                         double maxErrorRateDelta, double maxP99Ratio, double p99SlackMs,
                         double maxNoBidRatioDelta, int maxTaskRestarts) {
}
