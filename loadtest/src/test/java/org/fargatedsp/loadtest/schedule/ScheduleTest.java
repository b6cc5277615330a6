package org.fargatedsp.loadtest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void intendedTimesComeFromTheStartAndTheRateAlone() {
        Schedule schedule = Schedule.single(1_000, 1000, 5);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_001_000);
        assertThat(schedule.intendedNanos(4)).isEqualTo(4_001_000);
        assertThat(schedule.endNanos()).isEqualTo(5_001_000);
    }

    @Test
    void dueCountCountsRequestsWhoseTimeHasCome() {
        Schedule schedule = Schedule.single(0, 1000, 10);

        assertThat(schedule.dueCount(-1)).isZero();
        assertThat(schedule.dueCount(0)).isEqualTo(1);
        assertThat(schedule.dueCount(999_999)).isEqualTo(1);
        assertThat(schedule.dueCount(1_000_000)).isEqualTo(2);
        assertThat(schedule.dueCount(Long.MAX_VALUE / 2)).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource({"3, 1", "7, 3", "33.3, 4", "100000, 2", "0.5, 1"})
    void dueCountAgreesWithIntendedTimesAtEveryRequest(double rate, int stride) {
        for (int offset = 0; offset < stride; offset++) {
            Schedule schedule = new Schedule(123, rate, 50, stride, offset);
            for (long i = 0; i < schedule.localCount(); i++) {
                long at = schedule.intendedNanos(i);
                assertThat(schedule.dueCount(at)).as("due at request %d", i).isEqualTo(i + 1);
                assertThat(schedule.dueCount(at - 1)).as("due just before request %d", i).isEqualTo(i);
            }
        }
    }

    @Test
    void stridesSplitTheSequenceWithoutGapsOrOverlap() {
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            Schedule schedule = new Schedule(0, 100, 10, 3, offset);
            for (long i = 0; i < schedule.localCount(); i++) {
                seen.add(schedule.globalIndex(i));
                assertThat(schedule.intendedNanos(i)).isEqualTo(Schedule.single(0, 100, 10)
                        .intendedNanos(schedule.globalIndex(i)));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void rejectsRateZero() {
        assertThatThrownBy(() -> Schedule.single(0, 0, 10)).hasMessageContaining("rate must be a positive number");
    }
}
