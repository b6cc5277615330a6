package org.fargatedsp.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run must achieve to pass: used by the smoke and capacity scripts through the exit code.
 *
 * @param failOnErrors fail on any 5xx answer, timeout or broken connection
 * @param maxP99Ms     fail when the measured p99 response time is above this; {@code NaN} for no limit
 * @param maxP999Ms    the same for p99.9
 */
public record Criteria(boolean failOnErrors, double maxP99Ms, double maxP999Ms) {
    /** The reasons {@code summary} fails, empty when it passes. */
    public List<String> failures(RunSummary summary) {
        List<String> failures = new ArrayList<>();
        if (summary.scheduled() == 0) {
            failures.add("no request was measured");
        }
        if (failOnErrors) {
            if (summary.server5xx() > 0) {
                failures.add(summary.server5xx() + " answers with status 5xx");
            }
            if (summary.timeouts() > 0) {
                failures.add(summary.timeouts() + " timeouts");
            }
            if (summary.errors() > 0) {
                failures.add(summary.errors() + " requests lost to broken connections");
            }
        }
        limit(failures, "p99", summary.responseTime().p99Ms(), maxP99Ms);
        limit(failures, "p99.9", summary.responseTime().p999Ms(), maxP999Ms);
        return failures;
    }

    private static void limit(List<String> failures, String name, double valueMs, double limitMs) {
        if (!Double.isNaN(limitMs) && valueMs > limitMs) {
            failures.add(String.format(Locale.ROOT, "%s %.3f ms is above the limit of %s ms", name, valueMs,
                    TextReport.number(limitMs)));
        }
    }
}
