package org.fargatedsp.bidder.budget;

/**
 * How much of one day's lease bids had taken, sampled at the lease keeper's ticks, so that what was taken at least
 * the bid window ago can be given back: by then its billing notices, if any, have been counted as spend. A sample
 * is kept only when the amount changed, and dropped once a later one is itself older than the window.
 */
final class ExposureHistory {
    private long[] times = new long[8];
    private long[] taken = new long[8];
    private int first;
    private int size;

    /** Records that {@code takenMicros} had been taken by {@code nowMillis}. */
    void record(long nowMillis, long takenMicros) {
        if (size > 0 && taken[index(size - 1)] == takenMicros) {
            return;
        }
        if (size == times.length) {
            grow();
        }
        times[index(size)] = nowMillis;
        taken[index(size)] = takenMicros;
        size++;
    }

    /** What had been taken by {@code atMillis}, as the last sample then says; 0 before the first. */
    long takenBy(long atMillis) {
        long result = 0;
        // Samples before the latest one at or before atMillis will never be asked for again: drop them.
        while (size > 0 && times[first] <= atMillis) {
            result = taken[first];
            if (size == 1 || times[index(1)] > atMillis) {
                break;
            }
            first = index(1);
            size--;
        }
        return result;
    }

    private int index(int i) {
        return (first + i) % times.length;
    }

    private void grow() {
        long[] t = new long[times.length * 2];
        long[] v = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[index(i)];
            v[i] = taken[index(i)];
        }
        times = t;
        taken = v;
        first = 0;
    }
}
