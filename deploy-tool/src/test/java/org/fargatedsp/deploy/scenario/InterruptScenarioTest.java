package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.deploy.Interrupts;
import org.junit.jupiter.api.Test;

/** The tool killed or interrupted mid-flow: it cleans up on the way out, or the next run cleans up first. */
class InterruptScenarioTest {

    /** What a kill -9 looks like from inside: the run stops dead, nothing of it runs on. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void runKilledDuringTheBakeIsCleanedUpByTheNextRunBeforeItDeploys() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.onSleep = d -> {
                if (s.canaryTargetsHealthy(s.canaryGroup)) {
                    throw new Killed();
                }
            };
            assertThatThrownBy(() -> s.run("canary")).isInstanceOf(Killed.class);
            assertThat(s.liveCanaryTasks()).hasSize(2);
            assertThat(s.targetIps(s.canaryGroup)).hasSize(2);

            s.onSleep = d -> { };
            Scenario.Result status = s.run("status");
            assertThat(status.out()).contains("canaryTasks:", "RUNNING HEALTHY fargate-dsp-bidder-test:3");

            Scenario.Result result = s.run("canary");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).contains("found leftovers of an earlier canary");
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.targetIps(s.canaryGroup)).isEmpty();
            assertThat(s.ruleWeights().get(s.canaryGroup)).isZero();
            assertThat(s.revisionStatus(s.revision(3))).as("the crashed run's revision").isEqualTo("INACTIVE");
            assertThat(s.primaryRevision()).isEqualTo(s.revision(4));
        }
    }

    @Test
    void abortRemovesWhatAKilledRunLeft() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.onSleep = d -> {
                if (s.canaryTargetsHealthy(s.serviceGroup)) {
                    throw new Killed();
                }
            };
            assertThatThrownBy(() -> s.run("canary")).isInstanceOf(Killed.class);
            s.onSleep = d -> { };

            Scenario.Result result = s.run("abort");
            assertThat(result.exitCode()).as(result.err()).isZero();
            CanaryScenarioTest.assertServiceUntouched(s);
        }
    }

    @Test
    void interruptDuringTheBakeCleansUpAndExitsWithTwo() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            CountDownLatch baking = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            s.onSleep = d -> {
                if (s.canaryTargetsHealthy(s.canaryGroup) && baking.getCount() > 0) {
                    baking.countDown();
                    never.await();
                }
            };
            CompletableFuture<Interrupts> interrupts = new CompletableFuture<>();
            CompletableFuture<Scenario.Result> run = CompletableFuture.supplyAsync(() -> {
                Interrupts i = new Interrupts(Thread.currentThread(), System.err, Duration.ofMinutes(1));
                interrupts.complete(i);
                return s.run(i, "canary", "--json");
            });
            assertThat(baking.await(60, TimeUnit.SECONDS)).isTrue();

            assertThat(interrupts.get().interruptAndWait()).isTrue();
            Scenario.Result result = run.get(60, TimeUnit.SECONDS);

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.out()).contains("\"message\" : \"interrupted\"");
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.targetIps(s.canaryGroup)).isEmpty();
            assertThat(s.ruleWeights().get(s.canaryGroup)).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
            assertThat(s.revisionStatus(s.revision(3))).isEqualTo("INACTIVE");
        }
    }
}
