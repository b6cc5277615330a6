package org.fargatedsp.deploy.judge;

import java.util.List;

/** The judge's decision, with every check that led to it. */
public record Verdict(boolean passed, List<Check> checks) {

    /** How one check came out. */
    public enum Outcome { PASS, FAIL, NOT_JUDGED }

    /** One rule applied to canary and baseline values. */
    public record Check(String name, Outcome outcome, Double canary, Double baseline, String rule, String detail) {
    }

    /** The failed checks' details, joined for a one-line message. */
    public String failures() {
        return String.join("; ", checks.stream().filter(c -> c.outcome() == Outcome.FAIL)
                .map(c -> c.name() + ": " + c.detail()).toList());
    }
}
