package org.fargatedsp.loadtest.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The drift of a long run: p99 per minute from the generator's summary and the server's old
 * generation after each collection per minute from {@code jstat}, each compared first minute to
 * last. A server that holds up shows neither climbing.
 */
public final class SoakReport {
    private static final double SECONDS_PER_MINUTE = 60;
    private static final double KB_PER_MB = 1024;

    private final RunSummary summary;
    private final List<GcSample> samples;

    /**
     * @param skipS jstat samples in the first {@code skipS} seconds after the first sample are warm-up
     */
    public SoakReport(RunSummary summary, List<GcSample> gcSamples, double skipS) {
        this.summary = summary;
        List<GcSample> kept = new ArrayList<>();
        if (!gcSamples.isEmpty()) {
            double from = gcSamples.get(0).uptimeS() + skipS;
            for (GcSample sample : gcSamples) {
                if (sample.uptimeS() >= from) {
                    kept.add(sample);
                }
            }
        }
        this.samples = kept;
    }

    /**
     * Old-generation use in MB per minute: the lowest seen right after a collection in that minute
     * (the live set), or the lowest seen at all in a minute without a collection. NaN for a minute
     * without samples.
     */
    public double[] oldGenAfterGcMbPerMinute() {
        if (samples.isEmpty()) {
            return new double[0];
        }
        double start = samples.get(0).uptimeS();
        int minutes = (int) ((samples.get(samples.size() - 1).uptimeS() - start) / SECONDS_PER_MINUTE) + 1;
        double[] afterGc = filled(minutes);
        double[] any = filled(minutes);
        for (int i = 0; i < samples.size(); i++) {
            GcSample sample = samples.get(i);
            int minute = (int) ((sample.uptimeS() - start) / SECONDS_PER_MINUTE);
            double mb = sample.oldUsedKb() / KB_PER_MB;
            any[minute] = Math.min(any[minute], mb);
            if (i > 0 && sample.collections() > samples.get(i - 1).collections()) {
                afterGc[minute] = Math.min(afterGc[minute], mb);
            }
        }
        for (int m = 0; m < minutes; m++) {
            double value = Double.isInfinite(afterGc[m]) ? any[m] : afterGc[m];
            afterGc[m] = Double.isInfinite(value) ? Double.NaN : value;
        }
        return afterGc;
    }

    /** {@code uptime_s,old_gen_mb,collections} for every sample taken right after a collection, with a header line. */
    public String afterGcCsv() {
        StringBuilder csv = new StringBuilder("uptime_s,old_gen_mb,collections\n");
        for (int i = 1; i < samples.size(); i++) {
            GcSample sample = samples.get(i);
            if (sample.collections() > samples.get(i - 1).collections()) {
                csv.append(String.format(Locale.ROOT, "%.1f,%.1f,%d\n", sample.uptimeS(), sample.oldUsedKb() / KB_PER_MB,
                        sample.collections()));
            }
        }
        return csv.toString();
    }

    /** The report, several lines. */
    public String render() {
        StringBuilder text = new StringBuilder();
        double[] oldGen = oldGenAfterGcMbPerMinute();
        List<Minute> minutes = summary.minutes();
        int rows = Math.max(minutes.size(), oldGen.length);
        text.append(String.format(Locale.ROOT, "%-7s %10s %10s %10s %24s%n", "minute", "answers", "p99 ms",
                "p99.9 ms", "old gen after GC (MB)"));
        for (int m = 0; m < rows; m++) {
            Minute minute = m < minutes.size() ? minutes.get(m) : null;
            text.append(String.format(Locale.ROOT, "%-7d %10s %10s %10s %24s%n", m + 1,
                    minute == null ? "" : Long.toString(minute.count()),
                    minute == null ? "" : TextReport.ms(minute.p99Ms()),
                    minute == null ? "" : TextReport.ms(minute.p999Ms()),
                    m < oldGen.length && !Double.isNaN(oldGen[m]) ? String.format(Locale.ROOT, "%.1f", oldGen[m]) : ""));
        }
        if (minutes.size() >= 2) {
            double first = minutes.get(0).p99Ms();
            double last = minutes.get(minutes.size() - 1).p99Ms();
            text.append(String.format(Locale.ROOT, "p99 drift: first minute %s ms, last minute %s ms (%+.1f%%)%n",
                    TextReport.ms(first), TextReport.ms(last), first == 0 ? 0 : (last - first) / first * 100));
        } else {
            text.append("p99 drift: fewer than two minutes measured\n");
        }
        double firstMb = firstValue(oldGen);
        double lastMb = lastValue(oldGen);
        if (oldGen.length >= 2 && !Double.isNaN(firstMb)) {
            text.append(String.format(Locale.ROOT,
                    "old-gen drift: first minute %.1f MB, last minute %.1f MB (%+.1f MB), %d collections%n",
                    firstMb, lastMb, lastMb - firstMb, collections()));
        } else {
            text.append("old-gen drift: fewer than two minutes of jstat samples\n");
        }
        return text.toString();
    }

    /**
     * The old generation's use right after a full collection before the load and after it ({@code jstat -gc -t}
     * output taken just after {@code jcmd GC.run}): what is really live there, unlike the old generation after young
     * collections, which also holds garbage promoted since the last full one. Empty when either has no sample.
     */
    public static String liveAfterFullGc(List<GcSample> before, List<GcSample> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        double beforeMb = before.get(before.size() - 1).oldUsedKb() / KB_PER_MB;
        double afterMb = after.get(after.size() - 1).oldUsedKb() / KB_PER_MB;
        return String.format(Locale.ROOT,
                "old generation live after a full GC: before the load %.1f MB, after the soak %.1f MB (%+.1f MB)%n",
                beforeMb, afterMb, afterMb - beforeMb);
    }

    private long collections() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).collections() - samples.get(0).collections();
    }

    private static double[] filled(int size) {
        double[] values = new double[size];
        Arrays.fill(values, Double.POSITIVE_INFINITY);
        return values;
    }

    private static double firstValue(double[] values) {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                return value;
            }
        }
        return Double.NaN;
    }

    private static double lastValue(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }
}
