package org.fargatedsp.loadtest.report;

import java.util.Locale;

/**
 * Two runs side by side, such as the baseline server's and the bidder's at their capacity, with the
 * ratio of their throughputs: the figure the compare scenario is judged on.
 */
public record Comparison(String referenceName, RunSummary reference, String subjectName, RunSummary subject) {
    /** Subject's answers per second over the reference's; 0 when the reference answered nothing. */
    public double throughputRatio() {
        return reference.answeredPerSecond() == 0 ? 0 : subject.answeredPerSecond() / reference.answeredPerSecond();
    }

    /** The table, several lines. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(row("", referenceName, subjectName, "ratio"));
        text.append(row("offered rate (req/s)", number(reference.settings().ratePerSecond()),
                number(subject.settings().ratePerSecond()), ""));
        text.append(row("throughput (answers/s)", fixed(reference.answeredPerSecond(), 1),
                fixed(subject.answeredPerSecond(), 1), fixed(throughputRatio(), 3)));
        text.append(latency("p50 (ms)", reference.responseTime().p50Ms(), subject.responseTime().p50Ms()));
        text.append(latency("p99 (ms)", reference.responseTime().p99Ms(), subject.responseTime().p99Ms()));
        text.append(latency("p99.9 (ms)", reference.responseTime().p999Ms(), subject.responseTime().p999Ms()));
        text.append(latency("max (ms)", reference.responseTime().maxMs(), subject.responseTime().maxMs()));
        text.append(row("timeouts + errors + 5xx", Long.toString(problems(reference)), Long.toString(problems(subject)),
                ""));
        text.append(row("bid rate", percent(reference.bidRate()), percent(subject.bidRate()), ""));
        return text.toString();
    }

    private static long problems(RunSummary summary) {
        return summary.timeouts() + summary.errors() + summary.server5xx();
    }

    private static String latency(String label, double reference, double subject) {
        return row(label, fixed(reference, 3), fixed(subject, 3), reference == 0 ? "" : fixed(subject / reference, 2));
    }

    private static String row(String label, String a, String b, String ratio) {
        return String.format(Locale.ROOT, "%-26s %14s %14s %10s%n", label, a, b, ratio);
    }

    private static String number(double value) {
        return TextReport.number(value);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
