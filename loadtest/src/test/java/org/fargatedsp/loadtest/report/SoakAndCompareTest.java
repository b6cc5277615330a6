package org.fargatedsp.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakAndCompareTest {
    private static final List<String> JSTAT = List.of(
            "Timestamp        S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    "
                    + "CCSC   CCSU   YGC     YGCT    FGC    FGCT    CGC    CGCT     GCT",
            "           10.0   0.0 2048.0    0.0 2048.0  30720.0  10240.0   491520.0    40960.0 20480.0 19000.0 "
                    + "2048.0 1900.0     5    0.050     0    0.000     0    0.000    0.050",
            "           40.0   0.0 2048.0    0.0 2048.0  30720.0  10240.0   491520.0    30720.0 20480.0 19000.0 "
                    + "2048.0 1900.0     6    0.060     0    0.000     0    0.000    0.060",
            "           80.0   0.0 2048.0    0.0 2048.0  30720.0  10240.0   491520.0    35840.0 20480.0 19000.0 "
                    + "2048.0 1900.0     6    0.060     0    0.000     0    0.000    0.060",
            "          100.0   0.0 2048.0    0.0 2048.0  30720.0  10240.0   491520.0    31744.0 20480.0 19000.0 "
                    + "2048.0 1900.0     8    0.080     0    0.000     1    0.001    0.081",
            "          not a sample line");

    @Test
    void parsesJstatByColumnName() {
        List<GcSample> samples = GcSample.parse(JSTAT);

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0)).isEqualTo(new GcSample(10.0, 40960.0, 5));
        assertThat(samples.get(3).collections()).isEqualTo(9);
    }

    @Test
    void reportsOldGenerationAfterCollectionsPerMinuteAndItsDrift() {
        RunSummary summary = summaryWithMinutes(List.of(new Minute(1, 60_000, 0.3, 0.8, 2.0, 3.0),
                new Minute(2, 60_000, 0.3, 1.0, 2.5, 4.0)));

        SoakReport report = new SoakReport(summary, GcSample.parse(JSTAT), 0);

        assertThat(report.oldGenAfterGcMbPerMinute()).containsExactly(30.0, 31.0);
        assertThat(report.render()).contains("p99 drift: first minute 0.800 ms, last minute 1.000 ms (+25.0%)",
                "old-gen drift: first minute 30.0 MB, last minute 31.0 MB (+1.0 MB), 4 collections");
    }

    @Test
    void listsTheOldGenerationAfterEachCollection() {
        SoakReport report = new SoakReport(summaryWithMinutes(List.of()), GcSample.parse(JSTAT), 0);

        assertThat(report.afterGcCsv()).isEqualTo("uptime_s,old_gen_mb,collections\n40.0,30.0,6\n100.0,31.0,9\n");
    }

    @Test
    void skipsTheWarmupSamples() {
        SoakReport report = new SoakReport(summaryWithMinutes(List.of()), GcSample.parse(JSTAT), 60);

        assertThat(report.oldGenAfterGcMbPerMinute()).containsExactly(31.0);
        assertThat(report.render()).contains("p99 drift: fewer than two minutes measured",
                "old-gen drift: fewer than two minutes of jstat samples");
    }

    @Test
    void reportsTheOldGenerationLiveAfterAFullCollectionBeforeAndAfterTheSoak() {
        List<GcSample> before = GcSample.parse(JSTAT.subList(0, 2));
        List<GcSample> after = GcSample.parse(List.of(JSTAT.get(0), JSTAT.get(4)));

        assertThat(SoakReport.liveAfterFullGc(before, after)).isEqualTo(
                "old generation live after a full GC: before the load 40.0 MB, after the soak 31.0 MB (-9.0 MB)\n");
        assertThat(SoakReport.liveAfterFullGc(before, List.of())).as("not measured after").isEmpty();
    }

    @Test
    void comparesThroughputAsARatio() {
        RunSummary baseline = summaryWithMinutes(List.of());
        RunRecorder half = new RunRecorder();
        for (int i = 0; i < 499; i++) {
            half.sent(true);
            half.answered(true, 200, Reports.MS, Reports.MS);
        }
        RunSummary bidder = Reports.summary(half, half.takeResponseTimes(), half.takeServiceTimes());

        Comparison comparison = new Comparison("baseline", baseline, "bidder", bidder);

        assertThat(comparison.throughputRatio()).isEqualTo(0.5);
        assertThat(comparison.render()).contains("throughput (answers/s)", "99.8", "49.9", "0.500", "baseline",
                "bidder");
    }

    private static RunSummary summaryWithMinutes(List<Minute> minutes) {
        RunRecorder recorder = Reports.recorder();
        RunSummary summary = Reports.summary(recorder, recorder.takeResponseTimes(), recorder.takeServiceTimes());
        return new RunSummary(summary.settings(), summary.scheduled(), summary.sent(), summary.answered(),
                summary.waited(), summary.timeouts(), summary.timeoutsWaiting(), summary.errors(),
                summary.connectionsReplaced(), summary.connectFailures(), summary.statuses(), summary.ok200(),
                summary.noBid204(), summary.other2xx(), summary.redirect3xx(), summary.client4xx(),
                summary.server5xx(), summary.sentPerSecond(), summary.answeredPerSecond(), summary.bidRate(),
                summary.generatorCpuCores(),
                summary.responseTime(), summary.serviceTime(), minutes, summary.seconds(), summary.failures());
    }
}
