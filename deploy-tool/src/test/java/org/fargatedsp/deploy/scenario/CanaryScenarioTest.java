package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.sim.DatadogSimulator.CohortTraffic;
import org.junit.jupiter.api.Test;

/** The canary flow end to end against the simulator: passes that deploy, and rejections that leave no trace. */
class CanaryScenarioTest {

    @Test
    void healthyCanaryIsPromotedAndLeavesNoTrace() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("canary", "--json");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));
            assertThat(s.primaryRolloutState()).isEqualTo("COMPLETED");
            assertThat(s.serviceTaskRevisions()).containsExactly(s.revision(3));
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.canaryTasks()).hasSize(2);
            assertThat(s.targetIps(s.serviceGroup)).containsExactlyInAnyOrderElementsOf(s.serviceTaskIps());
            assertThat(s.revisionStatus(s.revision(3))).isEqualTo("ACTIVE");
            assertThat(result.out()).contains("\"result\" : \"deployed\"", "\"passed\" : true");
            assertThat(result.err()).contains("canary targets healthy", "COMPLETED: PRIMARY runs");
        }
    }

    @Test
    void dedicatedCanaryGroupJudgedByCloudWatchIsPromotedAndTheRuleReset() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.env.put("DEPLOY_METRICS_SOURCE", "cloudwatch");
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));
            assertThat(s.targetIps(s.canaryGroup)).isEmpty();
            assertThat(s.ruleWeights()).isEqualTo(Map.of(s.serviceGroup, 90,
                    s.canaryGroup, 0));
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(result.err()).contains("10% of its traffic", "no-bid ratio NOT_JUDGED", "p99 latency PASS");
            assertThat(s.aws.calls()).contains("monitoring:GetMetricData");
        }
    }

    @Test
    void imagePullFailureRejectsTheCanaryWithTheStoppedReason() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().imagePullFailure = true;
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("CannotPullContainerError", "TaskFailedToStart");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryThatCrashesDuringTheBakeIsRejectedWithItsExitCode() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().canaryCrashAfter = java.time.Duration.ofMinutes(3);
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("during the bake", "EssentialContainerExited", "exit code 137");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryWhoseLoadBalancerHealthChecksFailIsRejected() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().canaryTargetsUnhealthy = true;
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("is unhealthy in", "Target.FailedHealthChecks");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryThatTurnsUnhealthyDuringTheBakeIsRejected() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.aws.faults().canaryUnhealthyAfter = java.time.Duration.ofMinutes(4);
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("turned UNHEALTHY during the bake");
            assertServiceUntouched(s);
            assertThat(s.targetIps(s.canaryGroup)).isEmpty();
            assertThat(s.ruleWeights().get(s.canaryGroup)).isZero();
        }
    }

    @Test
    void canaryWithMore5xxIsRejectedByTheJudge() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.datadog.cohort("canary", new CohortTraffic(600, 0.6, 0.001, 0.04, 12));
            Scenario.Result result = s.run("canary", "--json");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.out()).contains("\"result\" : \"rejected\"", "5xx rate: canary 4.00% vs baseline 0.10%");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryWithSlowerP99AndFewerBidsIsRejectedOnBoth() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.datadog.cohort("canary", new CohortTraffic(600, 0.9, 0.001, 0.001, 40));
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("p99 latency FAIL", "no-bid ratio FAIL", "error rate PASS");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryWithoutMetricDataIsRejectedNotPassed() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.datadog.clearCohort("canary");
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("traffic FAIL - no request data for the canary");
            assertServiceUntouched(s);
        }
    }

    @Test
    void canaryGroupWithoutCloudWatchDataIsRejectedNotPassed() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.env.put("DEPLOY_METRICS_SOURCE", "cloudwatch");
            s.aws.cloudWatch().remove(Arns.elbDimension(s.canaryGroup));
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("traffic FAIL");
            assertServiceUntouched(s);
        }
    }

    /** The canary is gone without a trace and the service is exactly as it was. */
    static void assertServiceUntouched(Scenario s) {
        assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
        assertThat(s.primaryRolloutState()).isEqualTo("COMPLETED");
        assertThat(s.deploymentCount()).isEqualTo(1);
        assertThat(s.serviceTaskRevisions()).containsExactly(s.baselineRevision);
        assertThat(s.liveCanaryTasks()).isEmpty();
        assertThat(s.targetIps(s.serviceGroup)).containsExactlyInAnyOrderElementsOf(s.serviceTaskIps());
        assertThat(s.revisionStatus(s.revision(3))).isEqualTo("INACTIVE");
        assertThat(s.aws.calls()).doesNotContain("ecs:UpdateService");
    }
}
