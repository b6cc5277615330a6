package org.fargatedsp.loadtest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-loop rules, driven by a fake clock: no test here waits or looks at real time. */
class DispatcherTest {
    private static final long MS = 1_000_000;

    private final long[] now = {0};
    private final NanoClock clock = () -> now[0];
    private final Recorded outcomes = new Recorded();

    @Test
    void sendsOnScheduleWhileNoAnswerArrives() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 50), 10_000 * MS, 0);
        List<FakeLane> lanes = lanes(dispatcher, 100);

        for (now[0] = 0; now[0] < 50 * MS; now[0] += MS / 4) {
            dispatcher.tick();
        }

        List<long[]> sends = sends(lanes);
        assertThat(sends).hasSize(50);
        for (long[] send : sends) {
            assertThat(send[1]).as("request %d sent at its intended time", send[0]).isEqualTo(send[0] * MS);
        }
        assertThat(outcomes.waited).isZero();
    }

    @Test
    void slowAnswersDoNotDelayLaterIntendedTimesAndLatencyCountsTheWait() {
        // One connection and a server that takes 5 ms per request, at 1 request per ms: a closed-loop
        // tool would send every 5 ms and report 5 ms; the open loop keeps the schedule and reports
        // the queueing the SSP would see.
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 10), 10_000 * MS, 0);
        FakeLane lane = lanes(dispatcher, 1).get(0);

        now[0] = 0;
        dispatcher.tick();
        for (int answer = 1; answer <= 10; answer++) {
            now[0] = answer * 5 * MS;
            dispatcher.tick();
            dispatcher.answered(lane.slot, 204);
        }

        assertThat(outcomes.responseNanos).containsExactly(
                5 * MS, 9 * MS, 13 * MS, 17 * MS, 21 * MS, 25 * MS, 29 * MS, 33 * MS, 37 * MS, 41 * MS);
        assertThat(outcomes.serviceNanos).containsOnly(5 * MS);
        assertThat(outcomes.waited).isEqualTo(9);
        assertThat(dispatcher.finished()).isTrue();
    }

    @Test
    void timesOutAnInFlightRequestAndAbandonsItsLane() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 1), 100 * MS, 0);
        FakeLane lane = lanes(dispatcher, 1).get(0);

        dispatcher.tick();
        now[0] = 99 * MS;
        dispatcher.tick();
        assertThat(lane.abandoned).isFalse();
        now[0] = 100 * MS;
        dispatcher.tick();

        assertThat(lane.abandoned).isTrue();
        assertThat(outcomes.timeoutsInFlight).isEqualTo(1);
        assertThat(dispatcher.lanes()).isZero();
        dispatcher.answered(lane.slot, 200);
        assertThat(outcomes.answered).as("a late answer on an abandoned lane").isZero();
        assertThat(dispatcher.finished()).isTrue();
    }

    @Test
    void expiresWaitingRequestsWithoutSendingThem() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 3), 10 * MS, 0);
        FakeLane lane = lanes(dispatcher, 1).get(0);

        now[0] = 2 * MS;
        dispatcher.tick();
        assertThat(outcomes.waited).isEqualTo(2);
        now[0] = 9 * MS;
        dispatcher.answered(lane.slot, 204);
        now[0] = 12 * MS;
        dispatcher.tick();

        assertThat(lane.sent).containsExactly(0L, 1L);
        assertThat(outcomes.timeoutsWaiting).isEqualTo(1);
        now[0] = 18 * MS;
        dispatcher.tick();
        assertThat(outcomes.timeoutsInFlight).as("a request that waited gets the whole timeout once sent").isZero();
        now[0] = 19 * MS;
        dispatcher.tick();
        assertThat(outcomes.timeoutsInFlight).isEqualTo(1);
        assertThat(outcomes.answered + outcomes.timeoutsWaiting + outcomes.timeoutsInFlight + outcomes.failed)
                .isEqualTo(3);
    }

    @Test
    void countsTheRequestOnABrokenConnectionAsFailedAndCarriesOnWithANewOne() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 2), 100 * MS, 0);
        FakeLane first = lanes(dispatcher, 1).get(0);

        dispatcher.tick();
        dispatcher.laneClosed(first.slot);
        FakeLane second = lanes(dispatcher, 1).get(0);
        now[0] = MS;
        dispatcher.tick();
        dispatcher.answered(second.slot, 200);

        assertThat(outcomes.failed).isEqualTo(1);
        assertThat(outcomes.answered).isEqualTo(1);
        assertThat(second.sent).containsExactly(1L);
        assertThat(dispatcher.finished()).isTrue();
    }

    @Test
    void measuresOnlyRequestsIntendedAfterTheWarmup() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 10), 100 * MS, 4 * MS);
        FakeLane lane = lanes(dispatcher, 1).get(0);

        for (int k = 0; k < 10; k++) {
            now[0] = k * MS;
            dispatcher.tick();
            dispatcher.answered(lane.slot, 204);
        }

        assertThat(outcomes.measuredAnswers).isEqualTo(6);
        assertThat(outcomes.answered).isEqualTo(10);
    }

    @Test
    void sendsAWaitingRequestAsSoonAsALaneComesFree() {
        Dispatcher dispatcher = dispatcher(Schedule.single(0, 1000, 2), 100 * MS, 0);
        FakeLane lane = lanes(dispatcher, 1).get(0);

        now[0] = MS;
        dispatcher.tick();
        now[0] = 3 * MS;
        dispatcher.answered(lane.slot, 204);

        assertThat(lane.sent).containsExactly(0L, 1L);
        assertThat(lane.sentAt).as("request 0 goes out when the lane registers").containsExactly(0L, 3 * MS);
    }

    private Dispatcher dispatcher(Schedule schedule, long timeoutNanos, long measureFrom) {
        return new Dispatcher(schedule, clock, outcomes, timeoutNanos, measureFrom);
    }

    private List<FakeLane> lanes(Dispatcher dispatcher, int count) {
        List<FakeLane> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeLane lane = new FakeLane();
            lane.slot = dispatcher.register(lane);
            lanes.add(lane);
        }
        return lanes;
    }

    private static List<long[]> sends(List<FakeLane> lanes) {
        List<long[]> sends = new ArrayList<>();
        for (FakeLane lane : lanes) {
            for (int i = 0; i < lane.sent.size(); i++) {
                sends.add(new long[] {lane.sent.get(i), lane.sentAt.get(i)});
            }
        }
        return sends;
    }

    private final class FakeLane implements Lane {
        final List<Long> sent = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        Slot slot;
        boolean abandoned;

        @Override
        public void send(long k) {
            sent.add(k);
            sentAt.add(now[0]);
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }

    private static final class Recorded implements Outcomes {
        final List<Long> responseNanos = new ArrayList<>();
        final List<Long> serviceNanos = new ArrayList<>();
        long waited;
        long answered;
        long measuredAnswers;
        long timeoutsInFlight;
        long timeoutsWaiting;
        long failed;

        @Override
        public void sent(boolean measured) {}

        @Override
        public void waited(boolean measured, long requests) {
            waited += requests;
        }

        @Override
        public void answered(boolean measured, int status, long response, long service) {
            answered++;
            measuredAnswers += measured ? 1 : 0;
            responseNanos.add(response);
            serviceNanos.add(service);
        }

        @Override
        public void timedOut(boolean measured, boolean inFlight) {
            if (inFlight) {
                timeoutsInFlight++;
            } else {
                timeoutsWaiting++;
            }
        }

        @Override
        public void failed(boolean measured) {
            failed++;
        }
    }
}
