package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Faults outside the canary itself: throttling, failed rollouts, RunTask failures. */
class FaultScenarioTest {

    @Test
    void throttlingEverywhereIsRetriedAndTheDeploySucceeds() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.env.put("DEPLOY_METRICS_SOURCE", "cloudwatch");
            // More throttles than the SDK's attempts for DescribeTasks: the tool's own backoff has to carry on.
            s.env.put("DEPLOY_AWS_MAX_ATTEMPTS", "3");
            s.aws.faults().throttle("DescribeTasks", 7);
            s.aws.faults().throttle("RunTask", 2);
            s.aws.faults().throttle("RegisterTargets", 2);
            s.aws.faults().throttle("DescribeTargetHealth", 2);
            s.aws.faults().throttle("ModifyRule", 1);
            s.aws.faults().throttle("GetMetricData", 2);
            s.aws.faults().throttle("UpdateService", 2);
            s.aws.faults().throttle("DescribeServices", 2);
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.canaryTasks()).as("a retried RunTask must not start extra canaries").hasSize(2);
            assertThat(s.aws.calls().stream().filter(c -> c.equals("ecs:DescribeTasks"))).hasSizeGreaterThan(7);
        }
    }

    @Test
    void datadogRateLimitIsRetried() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.datadog.rateLimit(3);
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.primaryRevision()).isEqualTo(s.revision(3));
        }
    }

    @Test
    void circuitBreakerRollbackIsAnErrorNotASuccess() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().rolloutFails = true;
            Scenario.Result result = s.run("canary", "--json");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.out()).contains("\"result\" : \"error\"", "circuit breaker rolled the service back");
            assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
            assertThat(s.serviceTaskRevisions()).containsExactly(s.baselineRevision);
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.targetIps(s.serviceGroup)).containsExactlyInAnyOrderElementsOf(s.serviceTaskIps());
            assertThat(s.revisionStatus(s.revision(3))).as("a revision that never shipped").isEqualTo("INACTIVE");
        }
    }

    @Test
    void rolloutThatNeverCompletesTimesOutAsAnErrorAndKeepsTheRevisionInUse() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.createService("bidder-no-breaker", s.baselineRevision, 2, java.util.List.of(s.serviceGroup), false);
            s.env.put("DEPLOY_SERVICE", "bidder-no-breaker");
            s.env.put("DEPLOY_DEPLOYMENT_TIMEOUT_MS", "300000");
            s.aws.faults().rolloutFails = true;
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err()).contains("timed out after 300000 ms waiting for deployment", "failed tasks");
            assertThat(s.liveCanaryTasks()).isEmpty();
            assertThat(s.revisionStatus(s.revision(3))).isEqualTo("ACTIVE");
        }
    }

    @Test
    void runTaskCapacityFailureStopsTheTasksThatDidStart() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.aws.faults().runTaskCapacityFailures = 1;
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err()).contains("RunTask could not start 1 of 2 canary tasks", "Capacity is unavailable");
            assertThat(s.canaryTasks()).hasSize(1);
            CanaryScenarioTest.assertServiceUntouched(s);
        }
    }

    @Test
    void canaryTasksSeenMissingRightAfterRunTaskAreWaitedFor() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.put("DEPLOY_CANARY_COUNT", "12");
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(s.canaryTasks()).hasSize(12);
            assertThat(s.aws.calls().stream().filter(c -> c.equals("ecs:RunTask"))).hasSize(2);
            assertThat(s.liveCanaryTasks()).isEmpty();
        }
    }
}
