package org.fargatedsp.bidder.budget;

/**
 * How fast bids took a campaign's lease lately, in micros a millisecond: a moving average over the keeper's
 * ticks, which sizes the next lease. Keeper thread only.
 */
final class TakeRate {
    /** Weight of the latest tick in the average. */
    private static final double WEIGHT = 0.5;

    private long taken;
    private long atMs = -1;
    private double perMs;

    /** Records that bids had taken {@code total} by {@code nowMillis}; returns whether they took any since last. */
    boolean sample(long nowMillis, long total) {
        boolean took = total != taken;
        if (atMs >= 0 && nowMillis > atMs) {
            perMs = WEIGHT * (total - taken) / (nowMillis - atMs) + (1 - WEIGHT) * perMs;
        }
        if (atMs < 0 || nowMillis > atMs) {
            atMs = nowMillis;
            taken = total;
        }
        return took;
    }

    /** Bids found the lease short: they wanted more than the average says, so at least double it. */
    void starved(double atLeastPerMs) {
        perMs = Math.max(perMs * 2, atLeastPerMs);
    }

    double perMs() {
        return perMs;
    }
}
