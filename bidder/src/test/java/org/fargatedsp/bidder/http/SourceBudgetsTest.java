package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The token bucket of event-loop time per source, on times the test gives it. */
class SourceBudgetsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final CapturedLog log = CapturedLog.of(SourceBudgetsTest.class);
    /** A quarter of the loop, over bursts of 400 ms: a bucket of 100 ms. */
    private final SourceBudgets budgets = new SourceBudgets(25, 400, () -> 0,
            new SampledLogger(LoggerFactory.getLogger(SourceBudgetsTest.class), "cpu_budget", 100));
    private final long a = SourceBudgets.key("203.0.113.7", 0, 11);
    private final long b = SourceBudgets.key("198.51.100.9", 0, 12);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void admitsASourceUntilItHasSpentItsBucketThenUntilItHasPaidItsDebtBack() {
        assertThat(budgets.admit(a, "a", 0)).isZero();
        budgets.charge(150 * MS);

        // 50 ms in debt, refilled at a quarter of the clock: 200 ms to pay back.
        assertThat(budgets.admit(a, "a", 100 * MS)).as("25 ms paid back, 25 ms owed").isEqualTo(1);
        assertThat(budgets.admit(a, "a", 199 * MS)).isEqualTo(1);
        assertThat(budgets.admit(a, "a", 201 * MS)).isZero();
    }

    @Test
    void tellsHowManyWholeSecondsTheDebtTakesToPayBack() {
        assertThat(budgets.admit(a, "a", 0)).isZero();
        budgets.charge(100 * MS + 1_000 * MS);

        // A second in debt at a quarter: four seconds.
        assertThat(budgets.admit(a, "a", 0)).isEqualTo(4);
    }

    @Test
    void keepsSourcesApart() {
        assertThat(budgets.admit(a, "a", 0)).isZero();
        budgets.charge(500 * MS);

        assertThat(budgets.admit(b, "b", 0)).isZero();
        assertThat(budgets.admit(a, "a", 0)).isPositive();
    }

    @Test
    void neverSavesMoreThanTheBucketHoldsHoweverLongASourceWasIdle() {
        assertThat(budgets.admit(a, "a", 0)).isZero();
        budgets.charge(10 * MS);

        assertThat(budgets.admit(a, "a", TimeUnit.DAYS.toNanos(30))).isZero();
        budgets.charge(101 * MS);
        assertThat(budgets.admit(a, "a", TimeUnit.DAYS.toNanos(30))).isPositive();
    }

    @Test
    void logsAnEpisodeOnceWhenItStartsAndOnceWhenItEnds() {
        budgets.admit(a, "203.0.113.7", 0);
        budgets.charge(200 * MS);
        for (int i = 0; i < 50; i++) {
            assertThat(budgets.admit(a, "203.0.113.7", i * MS)).isPositive();
        }
        budgets.admit(a, "203.0.113.7", 1_000 * MS);

        assertThat(log.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "source 203.0.113.7 took more than 25% of"
                                + " the event loop: its requests are refused with 429 until it is back within it"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO, "source 203.0.113.7 is back within its"
                                + " share of the event loop after 50 refused requests"));
    }

    /** The table is fixed: more sources than it has slots each still get a full bucket when they first come. */
    @Test
    void servesMoreSourcesThanItsTableHoldsInBoundedSpace() {
        int sources = SourceBudgets.SETS * SourceBudgets.WAYS * 4;
        for (int i = 0; i < sources; i++) {
            String name = "10.0." + (i >> 8) + "." + (i & 0xFF);
            assertThat(budgets.admit(SourceBudgets.key(name, 0, name.length()), name, i)).isZero();
            budgets.charge(99 * MS);
        }

        assertThat(budgets.admit(a, "a", sources)).isZero();
    }

    @Test
    void keysDependOnEveryCharacterAndAreNeverZero() {
        assertThat(SourceBudgets.key("203.0.113.7", 0, 11)).isNotEqualTo(SourceBudgets.key("203.0.113.8", 0, 11))
                .isNotZero();
        assertThat(SourceBudgets.key("x203.0.113.7", 1, 12)).isEqualTo(a);
    }
}
