package org.fargatedsp.loadtest.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Once a second: prints the progress line (to stderr) and adds a {@link Second} to the timeline, and
 * each minute after the warm-up a {@link Minute}. Runs on one reporting thread only.
 */
public final class ProgressReporter implements Runnable {
    private static final double NANOS_PER_MS = 1e6;
    private static final int SECONDS_PER_MINUTE = 60;

    private final RunRecorder recorder;
    private final int warmupS;
    private final PrintStream out;
    private final List<Second> seconds = new ArrayList<>();
    private final List<Minute> minutes = new ArrayList<>();
    private final Histogram minute = RunRecorder.newHistogram();
    private final long startCpuNanos = processCpuNanos();
    private final long startWallNanos = System.nanoTime();
    private long measureCpuNanos = -1;
    private long measureWallNanos;
    private double generatorCpuCores = Double.NaN;
    private Counts previous = Counts.zero();
    private Histogram interval;
    private int second;
    private int minuteIndex = 1;

    /**
     * @param out where the progress line goes, or null for none
     */
    public ProgressReporter(RunRecorder recorder, int warmupS, PrintStream out) {
        this.recorder = recorder;
        this.warmupS = warmupS;
        this.out = out;
    }

    /** Takes the sample of the second just ended. */
    @Override
    public void run() {
        second++;
        Counts now = recorder.totalCounts();
        Counts delta = now.minus(previous);
        previous = now;
        interval = recorder.takeInterval(interval);
        boolean warmup = second <= warmupS;
        if (second == warmupS) {
            measureCpuNanos = processCpuNanos();
            measureWallNanos = System.nanoTime();
        }
        Second sample = new Second(second, warmup, delta.sent(), delta.answered(), delta.status(200),
                delta.status(204), delta.clientErrors(), delta.serverErrors(), delta.timeouts(), delta.failed(),
                ms(interval, 50), ms(interval, 99), interval.getMaxValue() / NANOS_PER_MS);
        seconds.add(sample);
        if (!warmup) {
            addToMinute(second - warmupS);
        }
        if (out != null) {
            out.println(line(sample, now));
            out.flush();
        }
    }

    /**
     * Samples the last, partial second if anything happened in it and closes the last minute; call
     * once the reporting thread has stopped.
     */
    public void finish() {
        Counts now = recorder.totalCounts();
        if (now.sent() != previous.sent() || now.answered() != previous.answered()
                || now.timeouts() != previous.timeouts() || now.failed() != previous.failed()) {
            run();
        }
        if (minute.getTotalCount() > 0) {
            emitMinute();
        }
        long cpuFrom = measureCpuNanos >= 0 ? measureCpuNanos : startCpuNanos;
        long wallFrom = measureCpuNanos >= 0 ? measureWallNanos : startWallNanos;
        long cpuNow = processCpuNanos();
        long wall = System.nanoTime() - wallFrom;
        generatorCpuCores = cpuFrom < 0 || cpuNow < 0 || wall <= 0 ? Double.NaN : (double) (cpuNow - cpuFrom) / wall;
    }

    /**
     * CPU the generator's own process used after the warm-up, in cores (0.5 is half of one core);
     * NaN where the platform cannot tell. Near the number of cores it may use, the generator, not
     * the server, is what limits the run.
     */
    public double generatorCpuCores() {
        return generatorCpuCores;
    }

    /** Every second sampled so far. */
    public List<Second> seconds() {
        return List.copyOf(seconds);
    }

    /** Every minute closed so far. */
    public List<Minute> minutes() {
        return List.copyOf(minutes);
    }

    private void addToMinute(int measuredSecond) {
        int index = (measuredSecond - 1) / SECONDS_PER_MINUTE + 1;
        if (index != minuteIndex && minute.getTotalCount() > 0) {
            emitMinute();
        }
        minuteIndex = index;
        minute.add(interval);
    }

    private void emitMinute() {
        minutes.add(new Minute(minuteIndex, minute.getTotalCount(), ms(minute, 50), ms(minute, 99), ms(minute, 99.9),
                minute.getMaxValue() / NANOS_PER_MS));
        minute.reset();
    }

    static String line(Second s, Counts total) {
        return String.format(Locale.ROOT,
                "%5ds%s sent %d (%d/s) answered %d (%d/s) | 200 %d  204 %d  4xx %d  5xx %d  timeouts %d  errors %d"
                        + " | last second p50 %s ms  p99 %s ms",
                s.second(), s.warmup() ? " warm-up" : "", total.sent(), s.sent(), total.answered(), s.answered(),
                total.status(200), total.status(204), total.clientErrors(), total.serverErrors(), total.timeouts(),
                total.failed(), TextReport.ms(s.p50Ms()), TextReport.ms(s.p99Ms()));
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / NANOS_PER_MS;
    }
}
