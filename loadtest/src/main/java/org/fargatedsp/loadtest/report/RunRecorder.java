package org.fargatedsp.loadtest.report;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.fargatedsp.loadtest.schedule.Outcomes;

/**
 * Collects the outcomes of a run from every sending thread: counts per phase and HdrHistogram
 * recorders of latency in nanoseconds, one for the per-second progress and two for the final report
 * (response time from the intended send time, and service time from the actual write).
 */
public final class RunRecorder implements Outcomes {
    /** Latencies above an hour are recorded as an hour; the run's timeout is far below that. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Phase warmup = new Phase();
    private final Phase measured = new Phase();
    private final Recorder interval = newRecorder();
    private final Recorder response = newRecorder();
    private final Recorder service = newRecorder();

    @Override
    public void sent(boolean isMeasured) {
        phase(isMeasured).sent.increment();
    }

    @Override
    public void waited(boolean isMeasured, long requests) {
        phase(isMeasured).waited.add(requests);
    }

    @Override
    public void answered(boolean isMeasured, int status, long responseNanos, long serviceNanos) {
        Phase phase = phase(isMeasured);
        phase.answered.increment();
        phase.statuses.incrementAndGet(status >= 100 && status < Counts.STATUS_SLOTS ? status : 0);
        long clamped = clamp(responseNanos);
        interval.recordValue(clamped);
        if (isMeasured) {
            response.recordValue(clamped);
            service.recordValue(clamp(serviceNanos));
        }
    }

    @Override
    public void timedOut(boolean isMeasured, boolean inFlight) {
        Phase phase = phase(isMeasured);
        (inFlight ? phase.timeoutsInFlight : phase.timeoutsWaiting).increment();
    }

    @Override
    public void failed(boolean isMeasured) {
        phase(isMeasured).failed.increment();
    }

    /** Counts for requests intended after the warm-up. */
    public Counts measuredCounts() {
        return measured.snapshot();
    }

    /** Counts for every request, warm-up included. */
    public Counts totalCounts() {
        return measured.snapshot().plus(warmup.snapshot());
    }

    /**
     * Response times recorded since the previous call, warm-up included.
     *
     * @param recycle the histogram the previous call returned, reused to save allocation, or null
     */
    public Histogram takeInterval(Histogram recycle) {
        return interval.getIntervalHistogram(recycle);
    }

    /** Every measured response time since the start; call once, at the end. */
    public Histogram takeResponseTimes() {
        return response.getIntervalHistogram();
    }

    /** Every measured service time since the start; call once, at the end. */
    public Histogram takeServiceTimes() {
        return service.getIntervalHistogram();
    }

    /** An empty histogram with the same range and precision as the ones recorded here. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private Phase phase(boolean isMeasured) {
        return isMeasured ? measured : warmup;
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, HIGHEST_TRACKABLE_NANOS));
    }

    private static Recorder newRecorder() {
        return new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static final class Phase {
        final LongAdder sent = new LongAdder();
        final LongAdder waited = new LongAdder();
        final LongAdder answered = new LongAdder();
        final LongAdder timeoutsInFlight = new LongAdder();
        final LongAdder timeoutsWaiting = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicLongArray statuses = new AtomicLongArray(Counts.STATUS_SLOTS);

        Counts snapshot() {
            long[] copy = new long[Counts.STATUS_SLOTS];
            for (int code = 0; code < copy.length; code++) {
                copy[code] = statuses.get(code);
            }
            // Read the fates before the sends, so a snapshot taken mid-run never shows more
            // requests finished than sent.
            long answeredNow = answered.sum();
            long timeoutsInFlightNow = timeoutsInFlight.sum();
            long failedNow = failed.sum();
            long timeoutsWaitingNow = timeoutsWaiting.sum();
            return new Counts(sent.sum(), waited.sum(), answeredNow, timeoutsInFlightNow, timeoutsWaitingNow,
                    failedNow, copy);
        }
    }
}
