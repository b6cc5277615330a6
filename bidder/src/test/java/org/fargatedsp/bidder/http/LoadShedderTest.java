package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The probe's decision, on a clock the test moves: a run more than 50 ms late is late, and the loop sheds once its
 * runs have been late for 250 ms.
 */
class LoadShedderTest {
    private final DrivenProbe probe = new DrivenProbe();

    @Test
    void staysCalmWhileTheLoopKeepsTime() {
        for (int i = 0; i < 1_000; i++) {
            probe.runLate(i % 50);
        }

        assertThat(probe.shedding()).isFalse();
        assertThat(probe.lagMs()).isEqualTo(49);
    }

    @Test
    void aSingleStallShedsNothingHoweverLongItIs() {
        probe.runLate(10_000);
        assertThat(probe.shedding()).as("one late run is one stall: a GC pause, a compile, a slow request").isFalse();

        probe.runOnTime().runLate(400).runOnTime();
        assertThat(probe.shedding()).isFalse();
    }

    @Test
    void aLoopDrainingTheBacklogOfAStallShedsNothing() {
        // After a 200 ms stall at 70% load each pass of the loop takes 0.7 times as long as the one before.
        probe.runLate(200).runLate(140).runLate(98).runLate(69).runLate(48).runLate(34).runOnTime();

        assertThat(probe.shedding()).isFalse();
    }

    @Test
    void shedsOnceEveryRunHasBeenLateForTheSustainedPeriod() {
        // 100 ms late each: the runs come 101 ms apart.
        probe.runLate(100, 3);
        assertThat(probe.shedding()).as("202 ms of late runs").isFalse();

        probe.runLate(100);
        assertThat(probe.shedding()).as("303 ms of late runs").isTrue();
    }

    @Test
    void oneRunOnTimeStartsTheSustainedPeriodAgain() {
        probe.runLate(100, 3).runLate(10).runLate(100, 3);

        assertThat(probe.shedding()).isFalse();
    }

    @Test
    void keepsSheddingUntilTheLagFallsUnderHalfTheThreshold() {
        probe.overload();
        assertThat(probe.shedding()).isTrue();

        probe.runLate(30);
        assertThat(probe.shedding()).as("30 ms is under the threshold but not under half of it").isTrue();

        probe.runLate(25);
        assertThat(probe.shedding()).isFalse();
    }

    @Test
    void aLateRunSoonAfterSheddingStoppedShedsAgainAtOnceButNotOnceTheLoopHasBeenCalmForAPeriod() {
        probe.overload().runOnTime();
        assertThat(probe.shedding()).isFalse();

        probe.runLate(80);
        assertThat(probe.shedding()).as("the overload it stopped for is not waited out twice").isTrue();

        probe.runOnTime().runLate(10, 25).runLate(80);
        assertThat(probe.shedding()).as("calm for a whole period: a late run is a single stall again").isFalse();
    }

    @Test
    void countsTheLagAsBacklogOnlyWhileTheLoopHasBeenLateTwiceInARow() {
        probe.runLate(300);
        assertThat(probe.backlogMs()).as("after one stall, what is read may have just arrived").isZero();

        probe.runLate(120);
        assertThat(probe.backlogMs()).isEqualTo(120);
        assertThat(probe.shedding()).isFalse();

        probe.runLate(40);
        assertThat(probe.backlogMs()).isZero();
    }
}
