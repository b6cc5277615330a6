package org.fargatedsp.loadtest.scenario;

import java.util.Locale;
import org.fargatedsp.loadtest.report.Comparison;
import org.fargatedsp.loadtest.report.RunSummary;
import org.fargatedsp.loadtest.report.TextReport;

/**
 * What the compare scenario concludes: whether the subject's throughput at capacity reached {@code minRatio} of the
 * reference's, how the subject fared at half its capacity, and whether this machine could judge that at all, which
 * the reference at half of its own capacity, against the same limits, tells: a server that does nothing and still
 * misses them shows that the machine's stalls, not the subject, decide the latency here.
 *
 * @param atCapacity       both servers at their capacity (the highest rate that held)
 * @param subjectHalf      the subject at half its capacity, judged against the latency limits; null if not run
 * @param referenceOwnHalf the reference at half of its own capacity, against the same limits; null if not run
 * @param stallsFile       the name of the file with the machine's stalls, when they were measured; else null
 */
public record Verdict(Comparison atCapacity, double minRatio, RunSummary subjectHalf, RunSummary referenceOwnHalf,
        String stallsFile) {

    /** Whether the subject's throughput at capacity is at least {@code minRatio} of the reference's. */
    public boolean ratioMet() {
        return atCapacity.throughputRatio() >= minRatio;
    }

    /** The scenario's result: the ratio met, and the subject held its limits at half its capacity if it was run. */
    public boolean passed() {
        return ratioMet() && (subjectHalf == null || subjectHalf.passed());
    }

    /** The {@code == verdict} block, several lines. */
    public String render() {
        String subject = atCapacity.subjectName();
        String reference = atCapacity.referenceName();
        StringBuilder text = new StringBuilder("== verdict\n");
        text.append(String.format(Locale.ROOT, "throughput: %s/%s %.3f against %s: %s%n", subject, reference,
                atCapacity.throughputRatio(), TextReport.number(minRatio), ratioMet() ? "met" : "MISSED"));
        if (subjectHalf != null) {
            text.append(subject).append(" at half its capacity (").append(rate(subjectHalf)).append("): ")
                    .append(outcome(subjectHalf)).append('\n');
        }
        if (referenceOwnHalf != null) {
            text.append(reference).append(" at half its own capacity (").append(rate(referenceOwnHalf)).append("): ")
                    .append(outcome(referenceOwnHalf)).append('\n');
            if (!referenceOwnHalf.passed()) {
                text.append("the ").append(reference).append(", which does nothing, misses the latency limits too:")
                        .append(" this machine's stalls ").append(stallsFile == null ? "" : "(" + stallsFile + ") ")
                        .append("are above them, and the ").append(subject)
                        .append("'s half-capacity latency cannot be judged here\n");
            }
        }
        return text.toString();
    }

    private static String rate(RunSummary summary) {
        return TextReport.number(summary.settings().ratePerSecond()) + "/s";
    }

    private static String outcome(RunSummary summary) {
        return summary.passed() ? "passed" : "FAILED: " + String.join("; ", summary.failures());
    }
}
