package org.fargatedsp.deploy.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fargatedsp.deploy.judge.Verdict.Check;
import org.fargatedsp.deploy.judge.Verdict.Outcome;

/**
 * Compares canary against baseline over the same window. The rules, in docs/deploy-tool.md: enough canary traffic;
 * 5xx share, error-outcome share and no-bid ratio close to the baseline's; p99 within a ratio of the baseline's;
 * no more task restarts than allowed. A measurable quantity without data fails its check: no data is never a pass.
 */
public final class Judge {
    private final Thresholds t;

    public Judge(Thresholds thresholds) {
        this.t = thresholds;
    }

    public Verdict judge(CohortMetrics canary, CohortMetrics baseline, int canaryRestarts, Set<Measure> measured) {
        List<Check> checks = new ArrayList<>();
        checks.add(traffic(canary, baseline));
        if (measured.contains(Measure.HTTP_5XX)) {
            checks.add(rate("5xx rate", canary.responses5xx(), canary.responses(), baseline.responses5xx(),
                    baseline.responses(), t.max5xxRateDelta(), t.max5xxRate(), false));
        } else {
            checks.add(notJudged("5xx rate"));
        }
        if (measured.contains(Measure.ERROR_OUTCOMES)) {
            checks.add(rate("error rate", canary.errorOutcomes(), canary.requests(), baseline.errorOutcomes(),
                    baseline.requests(), t.maxErrorRateDelta(), 1.0, false));
        } else {
            checks.add(notJudged("error rate"));
        }
        if (measured.contains(Measure.NO_BIDS)) {
            checks.add(rate("no-bid ratio", canary.noBids(), canary.requests(), baseline.noBids(),
                    baseline.requests(), t.maxNoBidRatioDelta(), 1.0, true));
        } else {
            checks.add(notJudged("no-bid ratio"));
        }
        checks.add(measured.contains(Measure.P99_LATENCY) ? p99(canary.p99Ms(), baseline.p99Ms())
                : notJudged("p99 latency"));
        checks.add(new Check("task restarts", canaryRestarts <= t.maxTaskRestarts() ? Outcome.PASS : Outcome.FAIL,
                (double) canaryRestarts, null, "at most " + t.maxTaskRestarts(),
                canaryRestarts + " canary task(s) stopped during the bake"));
        boolean passed = checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
        return new Verdict(passed, List.copyOf(checks));
    }

    private Check traffic(CohortMetrics canary, CohortMetrics baseline) {
        String rule = "canary requests >= " + t.minCanaryRequests() + " and baseline requests > 0";
        if (canary.requests() == null || baseline.requests() == null) {
            return new Check("traffic", Outcome.FAIL, canary.requests(), baseline.requests(), rule,
                    "no request data for the " + (canary.requests() == null ? "canary" : "baseline"));
        }
        boolean ok = canary.requests() >= t.minCanaryRequests() && baseline.requests() > 0;
        return new Check("traffic", ok ? Outcome.PASS : Outcome.FAIL, canary.requests(), baseline.requests(), rule,
                ok ? "enough traffic" : "too little traffic to judge: canary " + fmt(canary.requests())
                        + ", baseline " + fmt(baseline.requests()) + " requests");
    }

    /** A share (count / total) of the canary within {@code delta} of the baseline's and under {@code ceiling}. */
    private Check rate(String name, Double canaryCount, Double canaryTotal, Double baselineCount,
                       Double baselineTotal, double delta, double ceiling, boolean bothWays) {
        String rule = "canary " + (bothWays ? "within " : "<= baseline + ") + pct(delta)
                + (bothWays ? " of baseline" : "") + (ceiling < 1.0 ? " and <= " + pct(ceiling) : "");
        Double canaryRate = share(canaryCount, canaryTotal);
        Double baselineRate = share(baselineCount, baselineTotal);
        if (canaryRate == null || baselineRate == null) {
            return new Check(name, Outcome.FAIL, canaryRate, baselineRate, rule,
                    "no data for the " + (canaryRate == null ? "canary" : "baseline"));
        }
        double difference = canaryRate - baselineRate;
        boolean ok = (bothWays ? Math.abs(difference) <= delta : difference <= delta) && canaryRate <= ceiling;
        return new Check(name, ok ? Outcome.PASS : Outcome.FAIL, canaryRate, baselineRate, rule,
                "canary " + pct(canaryRate) + " vs baseline " + pct(baselineRate));
    }

    private Check p99(Double canary, Double baseline) {
        String rule = "canary <= baseline x " + t.maxP99Ratio() + " + " + fmt(t.p99SlackMs()) + " ms";
        if (canary == null || baseline == null) {
            return new Check("p99 latency", Outcome.FAIL, canary, baseline, rule,
                    "no latency data for the " + (canary == null ? "canary" : "baseline"));
        }
        double limit = baseline * t.maxP99Ratio() + t.p99SlackMs();
        return new Check("p99 latency", canary <= limit ? Outcome.PASS : Outcome.FAIL, canary, baseline, rule,
                "canary " + fmt(canary) + " ms vs baseline " + fmt(baseline) + " ms (limit " + fmt(limit) + " ms)");
    }

    private static Check notJudged(String name) {
        return new Check(name, Outcome.NOT_JUDGED, null, null, "-",
                "the metrics source cannot measure it (needs METRICS_SOURCE=datadog)");
    }

    private static Double share(Double count, Double total) {
        if (count == null || total == null || total <= 0) {
            return null;
        }
        return count / total;
    }

    private static String pct(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value * 100);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
