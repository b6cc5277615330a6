package org.fargatedsp.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.fargatedsp.loadtest.report.Criteria;
import org.fargatedsp.loadtest.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The capacity search over summary.json fixtures, run the way the scenario script runs it: one step at a time. */
class CapacitySearchTest {
    private static final String HELD = "step-held.json";
    private static final String P99_8_6_MS = "step-p99-8.6ms.json";
    private static final String P99_4_9_MS = "step-p99-4.9ms.json";
    private static final String TIMEOUTS = "step-timeouts.json";

    static Stream<Arguments> searches() {
        return Stream.of(
                arguments("doubles until a step fails, then bisects REFINE_STEPS times",
                        search(1000, 2, 0, 3, 1_000_000, 5), upTo(7000, P99_8_6_MS),
                        List.of(1000L, 2000L, 4000L, 8000L, 6000L, 7000L, 7500L), 7000L),
                arguments("adds STEP instead of multiplying when it is set",
                        search(1000, 2, 500, 3, 3000, 5), upTo(Long.MAX_VALUE, P99_8_6_MS),
                        List.of(1000L, 1500L, 2000L, 2500L, 3000L), 3000L),
                arguments("steps up to MAX_RATE and ends there when it holds",
                        search(1000, 2, 0, 3, 3000, 5), upTo(Long.MAX_VALUE, P99_8_6_MS),
                        List.of(1000L, 2000L, 3000L), 3000L),
                arguments("bisects below MAX_RATE when MAX_RATE fails",
                        search(1000, 2, 0, 1, 3000, 5), upTo(2000, P99_8_6_MS),
                        List.of(1000L, 2000L, 3000L, 2500L), 2000L),
                arguments("timeouts fail a step whatever its p99",
                        search(1000, 2, 0, 1, 1_000_000, 5), upTo(2000, TIMEOUTS),
                        List.of(1000L, 2000L, 4000L, 3000L), 2000L),
                arguments("without refine steps the first step that fails ends the search",
                        search(1000, 2, 0, 0, 1_000_000, 5), upTo(3000, P99_8_6_MS),
                        List.of(1000L, 2000L, 4000L), 2000L),
                arguments("p99 4.9 ms holds against P99_THRESHOLD_MS 5",
                        search(1000, 2, 0, 0, 2000, 5), always(P99_4_9_MS),
                        List.of(1000L, 2000L), 2000L),
                arguments("p99 4.9 ms fails against P99_THRESHOLD_MS 4",
                        search(1000, 2, 0, 3, 2000, 4), always(P99_4_9_MS),
                        List.of(1000L), 0L),
                arguments("bisection ends when no whole rate lies between held and failed",
                        search(1, 2, 0, 3, 1_000_000, 5), upTo(1, P99_8_6_MS),
                        List.of(1L, 2L), 1L),
                arguments("a step factor just above 1 still raises the rate by at least one",
                        search(2, 1.2, 0, 0, 4, 5), upTo(Long.MAX_VALUE, P99_8_6_MS),
                        List.of(2L, 3L, 4L), 4L),
                arguments("a start rate that fails ends the search with no capacity",
                        search(1000, 2, 0, 3, 1_000_000, 5), upTo(0, P99_8_6_MS),
                        List.of(1000L), 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void findsTheHighestRateThatHeld(String behaviour, CapacitySearch search, LongFunction<String> outcomes,
            List<Long> expectedSteps, long expectedCapacity) {
        Map<Long, RunSummary> measured = new HashMap<>();
        CapacitySearch.Progress progress = search.replay(measured::get);
        while (!progress.done()) {
            assertThat(measured).as("asks for each rate once").doesNotContainKey(progress.nextRate());
            measured.put(progress.nextRate(), ScenarioFixtures.summary(outcomes.apply(progress.nextRate())));
            progress = search.replay(measured::get);
        }

        assertThat(progress.steps()).extracting(CapacitySearch.Step::rate).containsExactlyElementsOf(expectedSteps);
        assertThat(progress.capacity()).isEqualTo(expectedCapacity);
        assertThat(progress.startRateFailed()).isEqualTo(expectedCapacity == 0);
    }

    @Test
    void replayStopsAtTheFirstRateNotMeasuredYet() {
        CapacitySearch search = search(1000, 2, 0, 3, 1_000_000, 5);

        CapacitySearch.Progress progress = search.replay(rate -> rate == 1000 ? ScenarioFixtures.summary(HELD) : null);

        assertThat(progress.done()).isFalse();
        assertThat(progress.nextRate()).isEqualTo(2000);
        assertThat(progress.capacity()).isEqualTo(1000);
        assertThat(progress.lastStep().rate()).isEqualTo(1000);
        assertThat(progress.lastStep().held()).isTrue();
    }

    @Test
    void aStepThatFailsCarriesTheReasons() {
        CapacitySearch search = search(1000, 2, 0, 0, 1_000_000, 5);

        CapacitySearch.Progress progress = search.replay(rate -> ScenarioFixtures.summary(TIMEOUTS));

        assertThat(progress.lastStep().failures()).containsExactly("3 timeouts");
    }

    @Test
    void beforeTheFirstStepThereIsNoLastStep() {
        CapacitySearch.Progress progress = search(1000, 2, 0, 3, 1_000_000, 5).replay(rate -> null);

        assertThat(progress.lastStep()).isNull();
        assertThat(progress.nextRate()).isEqualTo(1000);
        assertThat(progress.startRateFailed()).isFalse();
    }

    @Test
    void refusesASearchThatWouldNotMove() {
        assertThatThrownBy(() -> search(1000, 1, 0, 3, 1_000_000, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search(0, 2, 0, 3, 1_000_000, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CapacitySearch search(long start, double factor, long step, int refine, long max, double p99Ms) {
        return new CapacitySearch(start, factor, step, refine, max, new Criteria(true, p99Ms, Double.NaN));
    }

    /** The fixture of a step: {@link #HELD} up to {@code highestHeld}, {@code failure} above. */
    private static LongFunction<String> upTo(long highestHeld, String failure) {
        return rate -> rate <= highestHeld ? HELD : failure;
    }

    /** The same fixture at every rate. */
    private static LongFunction<String> always(String fixture) {
        return rate -> fixture;
    }
}
