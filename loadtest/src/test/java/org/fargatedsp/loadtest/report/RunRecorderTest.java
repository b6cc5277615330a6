package org.fargatedsp.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunRecorderTest {
    private static final long MS = 1_000_000;
    private final RunRecorder recorder = new RunRecorder();

    @Test
    void recordsResponseTimeFromTheIntendedSendTimeAndServiceTimeApart() {
        recorder.sent(true);
        recorder.answered(true, 204, 40 * MS, 2 * MS);

        Histogram response = recorder.takeResponseTimes();
        Histogram service = recorder.takeServiceTimes();
        assertThat(response.getTotalCount()).isEqualTo(1);
        assertThat(response.getMaxValue()).isBetween(39 * MS, 41 * MS);
        assertThat(service.getMaxValue()).isBetween(19 * MS / 10, 21 * MS / 10);
    }

    @Test
    void keepsTheWarmupOutOfTheMeasuredFigures() {
        recorder.sent(false);
        recorder.answered(false, 200, 100 * MS, 100 * MS);
        recorder.sent(true);
        recorder.answered(true, 200, MS, MS);
        recorder.sent(true);
        recorder.timedOut(true, true);

        assertThat(recorder.measuredCounts().answered()).isEqualTo(1);
        assertThat(recorder.measuredCounts().timeouts()).isEqualTo(1);
        assertThat(recorder.totalCounts().answered()).isEqualTo(2);
        assertThat(recorder.takeResponseTimes().getTotalCount()).isEqualTo(1);
        assertThat(recorder.takeInterval(null).getTotalCount()).as("progress shows the warm-up too").isEqualTo(2);
    }

    @Test
    void countsStatusesAndFatesSoTheyAddUp() {
        int[] statuses = {200, 204, 204, 400, 500, 503, 999};
        for (int status : statuses) {
            recorder.sent(true);
            recorder.answered(true, status, MS, MS);
        }
        recorder.sent(true);
        recorder.failed(true);
        recorder.waited(true, 1);
        recorder.timedOut(true, false);

        Counts counts = recorder.measuredCounts();
        assertThat(counts.status(200)).isEqualTo(1);
        assertThat(counts.status(204)).isEqualTo(2);
        assertThat(counts.clientErrors()).isEqualTo(1);
        assertThat(counts.serverErrors()).isEqualTo(2);
        assertThat(counts.statusMap()).containsEntry("0", 1L);
        assertThat(counts.scheduled()).isEqualTo(9);
        assertThat(counts.answered() + counts.timeouts() + counts.failed()).isEqualTo(counts.scheduled());
        assertThat(counts.inFlight()).isZero();
    }

    @Test
    void countsSubtractToGiveWhatHappenedBetweenSnapshots() {
        recorder.sent(true);
        Counts before = recorder.totalCounts();
        recorder.answered(true, 204, MS, MS);
        recorder.sent(true);

        Counts delta = recorder.totalCounts().minus(before);

        assertThat(delta.sent()).isEqualTo(1);
        assertThat(delta.answered()).isEqualTo(1);
        assertThat(delta.status(204)).isEqualTo(1);
    }
}
