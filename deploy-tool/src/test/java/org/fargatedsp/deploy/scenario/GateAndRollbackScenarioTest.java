package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A held canary behind a manual gate (promote / abort), and rollback of the service. */
class GateAndRollbackScenarioTest {

    @Test
    void heldCanaryKeepsRunningUntilPromoted() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            Scenario.Result held = s.run("canary", "--hold");
            assertThat(held.exitCode()).as(held.err()).isZero();
            assertThat(held.out()).startsWith("held:");
            assertThat(s.liveCanaryTasks()).hasSize(2);
            assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
            assertThat(s.ruleWeights().get(s.canaryGroup)).isEqualTo(10);

            Scenario.Result promoted = s.run("promote", "--json");
            assertThat(promoted.exitCode()).as(promoted.err()).isZero();
            assertThat(promoted.out()).contains("\"result\" : \"deployed\"");
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.targetIps(s.canaryGroup)).isEmpty();
            assertThat(s.ruleWeights().get(s.canaryGroup)).isZero();
            assertThat(s.revisionStatus(s.revision(3))).isEqualTo("ACTIVE");
        }
    }

    @Test
    void abortedCanaryLeavesTheServiceAsItWas() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            assertThat(s.run("canary", "--hold").exitCode()).isZero();

            Scenario.Result aborted = s.run("abort");
            assertThat(aborted.exitCode()).as(aborted.err()).isZero();
            assertThat(aborted.out()).startsWith("aborted:");
            CanaryScenarioTest.assertServiceUntouched(s);

            Scenario.Result again = s.run("abort");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).startsWith("clean:");
        }
    }

    @Test
    void promoteWithoutAHeldCanaryIsAnError() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("promote");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("no running canary of service bidder to promote");
            assertThat(s.aws.calls()).doesNotContain("ecs:UpdateService");
        }
    }

    @Test
    void rollbackReturnsToThePreviousRevisionAndWaitsForIt() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            assertThat(s.run("canary").exitCode()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));

            Scenario.Result result = s.run("rollback");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("rolled-back: service runs fargate-dsp-bidder-test:2");
            assertThat(s.primaryRevision()).isEqualTo(s.revision(2));
            assertThat(s.primaryRolloutState()).isEqualTo("COMPLETED");
            assertThat(s.serviceTaskRevisions()).containsExactly(s.revision(2));
        }
    }

    @Test
    void rollbackToANamedRevision() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("rollback", "--to", "1");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.firstRevision);
            assertThat(s.serviceTaskRevisions()).containsExactly(s.firstRevision);
        }
    }

    @Test
    void rollbackThatTheCircuitBreakerUndoesIsAnError() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().rolloutFails = true;
            Scenario.Result result = s.run("rollback", "--to", "1");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).contains("circuit breaker rolled the service back");
            assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
        }
    }

    @Test
    void rollbackToAnUnknownRevisionIsAnError() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("rollback", "--to", "99");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).contains("Unable to describe task definition");
            assertThat(s.aws.calls()).doesNotContain("ecs:UpdateService");
        }
    }
}
