package org.fargatedsp.deploy.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fargatedsp.deploy.judge.Verdict.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JudgeTest {
    static final Thresholds THRESHOLDS = new Thresholds(100, 0.05, 0.005, 0.005, 1.2, 5, 0.05, 0);
    static final CohortMetrics BASELINE = new CohortMetrics(60_000.0, 60_000.0, 60.0, 60.0, 36_000.0, 12.0);
    static final CohortMetrics GOOD = new CohortMetrics(6_000.0, 6_000.0, 6.0, 6.0, 3_600.0, 13.0);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a canary like the baseline passes", GOOD, BASELINE, 0, Map.of()),
                Arguments.of("5xx share above baseline plus delta fails",
                        new CohortMetrics(6_000.0, 6_000.0, 60.0, 6.0, 3_600.0, 13.0), BASELINE, 0,
                        Map.of("5xx rate", Outcome.FAIL)),
                Arguments.of("5xx share above the absolute ceiling fails even when the baseline is as bad",
                        new CohortMetrics(6_000.0, 6_000.0, 360.0, 6.0, 3_600.0, 13.0),
                        new CohortMetrics(60_000.0, 60_000.0, 3_590.0, 60.0, 36_000.0, 12.0), 0,
                        Map.of("5xx rate", Outcome.FAIL)),
                Arguments.of("error outcomes above baseline fail",
                        new CohortMetrics(6_000.0, 6_000.0, 6.0, 100.0, 3_600.0, 13.0), BASELINE, 0,
                        Map.of("error rate", Outcome.FAIL)),
                Arguments.of("a no-bid ratio far below the baseline fails too (bidding on everything)",
                        new CohortMetrics(6_000.0, 6_000.0, 6.0, 6.0, 1_800.0, 13.0), BASELINE, 0,
                        Map.of("no-bid ratio", Outcome.FAIL)),
                Arguments.of("p99 above ratio plus slack fails",
                        new CohortMetrics(6_000.0, 6_000.0, 6.0, 6.0, 3_600.0, 19.5), BASELINE, 0,
                        Map.of("p99 latency", Outcome.FAIL)),
                Arguments.of("p99 within the slack passes",
                        new CohortMetrics(6_000.0, 6_000.0, 6.0, 6.0, 3_600.0, 19.3), BASELINE, 0, Map.of()),
                Arguments.of("too little traffic fails", new CohortMetrics(50.0, 50.0, 0.0, 0.0, 30.0, 12.0),
                        BASELINE, 0, Map.of("traffic", Outcome.FAIL)),
                Arguments.of("no canary data at all fails every measured check",
                        new CohortMetrics(null, null, null, null, null, null), BASELINE, 0,
                        Map.of("traffic", Outcome.FAIL, "5xx rate", Outcome.FAIL, "p99 latency", Outcome.FAIL,
                                "no-bid ratio", Outcome.FAIL, "error rate", Outcome.FAIL)),
                Arguments.of("no baseline data fails", GOOD, new CohortMetrics(null, null, null, null, null, null),
                        0, Map.of("traffic", Outcome.FAIL, "p99 latency", Outcome.FAIL)),
                Arguments.of("a restarted canary task fails", GOOD, BASELINE, 1,
                        Map.of("task restarts", Outcome.FAIL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesCanaryAgainstBaseline(String name, CohortMetrics canary, CohortMetrics baseline, int restarts,
                                     Map<String, Outcome> expectedFailures) {
        Verdict verdict = new Judge(THRESHOLDS).judge(canary, baseline, restarts, EnumSet.allOf(Measure.class));

        Map<String, Outcome> failures = verdict.checks().stream().filter(c -> c.outcome() == Outcome.FAIL)
                .collect(Collectors.toMap(Verdict.Check::name, Verdict.Check::outcome));
        assertThat(failures).containsAllEntriesOf(expectedFailures);
        assertThat(verdict.passed()).isEqualTo(expectedFailures.isEmpty());
    }

    @Test
    void quantitiesTheSourceCannotMeasureAreNotJudgedRatherThanPassed() {
        Verdict verdict = new Judge(THRESHOLDS).judge(new CohortMetrics(6_000.0, 6_000.0, 6.0, null, null, 13.0),
                BASELINE, 0, EnumSet.of(Measure.REQUESTS, Measure.HTTP_5XX, Measure.P99_LATENCY));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks()).filteredOn(c -> c.outcome() == Outcome.NOT_JUDGED)
                .extracting(Verdict.Check::name).containsExactlyInAnyOrder("error rate", "no-bid ratio");
    }
}
