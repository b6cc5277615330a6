package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** render, diff, status, --dry-run and bad usage: none of them changes anything. */
class ReadOnlyAndDryRunTest {
    private static final List<String> MUTATING = List.of("ecs:RegisterTaskDefinition", "ecs:RunTask", "ecs:StopTask",
            "ecs:UpdateService", "ecs:DeregisterTaskDefinition", "elasticloadbalancing:RegisterTargets",
            "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:ModifyRule");

    @Test
    void renderPrintsTheFilledInDefinition() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("render");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("\"family\" : \"fargate-dsp-bidder-test\"",
                    "\"image\" : \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.1.0\"",
                    "\"value\" : \"1.1.0\"", "public.ecr.aws/datadog/agent:7", "\"stopTimeout\" : 45");
            assertThat(s.aws.calls()).isEmpty();
        }
    }

    @Test
    void renderNamesEveryMissingVariable() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.remove("DEPLOY_LOG_SHIPPER_IMAGE");
            s.env.remove("DEPLOY_TASK_CPU");
            Scenario.Result result = s.run("render");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains("uses ${LOG_SHIPPER_IMAGE}, which is not set",
                    "uses ${TASK_CPU}, which is not set");
        }
    }

    @Test
    void diffShowsTheImageAndVersionChange() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("diff");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("--- fargate-dsp-bidder-test:2", "+++ rendered",
                    "-    \"image\" : \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.0.1\"",
                    "+    \"image\" : \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.1.0\"");
            assertThat(result.out()).doesNotContain("taskDefinitionArn", "registeredAt");
        }
    }

    @Test
    void diffOfTheRunningVersionIsEmpty() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.put("DEPLOY_VERSION", "1.0.1");
            s.env.put("DEPLOY_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.0.1");
            Scenario.Result result = s.run("diff");

            assertThat(result.out()).isEqualTo("no differences from fargate-dsp-bidder-test:2\n");
        }
    }

    @Test
    void statusShowsDeploymentsAndTargetHealth() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("status", "--json");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("PRIMARY ecs-svc/", "fargate-dsp-bidder-test:2 COMPLETED 3/3 running",
                    "\"canaryTasks\" : [ ]", ":8080 healthy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary", "promote", "abort", "rollback"})
    void dryRunChangesNothing(String command) throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            if (command.equals("promote")) {
                assertThat(s.run("canary", "--hold").exitCode()).isZero();
            }
            int before = s.aws.calls().size();
            Scenario.Result result = s.run(command, "--dry-run");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("would call ");
            assertThat(s.aws.calls().subList(before, s.aws.calls().size())).doesNotContainAnyElementsOf(MUTATING);
        }
    }

    @Test
    void canaryDryRunListsTheWholePlan() throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            Scenario.Result result = s.run("canary", "--dry-run");

            assertThat(result.out()).contains("would call ecs:RegisterTaskDefinition family=fargate-dsp-bidder-test",
                    "would call ecs:RunTask cluster=dsp-test", "count=2 startedBy=fargate-dsp-canary/bidder",
                    "would call elasticloadbalancing:RegisterTargets TargetGroupArn=" + s.canaryGroup,
                    "would call elasticloadbalancing:ModifyRule RuleArn=" + s.rule,
                    "would call ecs:UpdateService cluster=dsp-test service=bidder");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"canary --bogus", "rollback --to", "nosuchcommand", ""})
    void badUsageExitsWithThree(String line) throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run(line.isEmpty() ? new String[0] : line.split(" "));

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void missingAndInvalidConfigurationIsReportedAllAtOnce() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.remove("DEPLOY_CLUSTER");
            s.env.put("DEPLOY_CANARY_COUNT", "zero");
            s.env.put("DEPLOY_METRICS_SOURCE", "cloudwatch");
            Scenario.Result result = s.run("canary");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains("CANARY_COUNT=zero: not a whole number",
                    "METRICS_SOURCE=cloudwatch needs CANARY_TARGET_GROUP_ARN");
            assertThat(s.aws.calls()).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            for (String command : List.of("render", "diff", "canary", "promote", "abort", "rollback", "status")) {
                Scenario.Result result = s.run(command, "--help");
                assertThat(result.exitCode()).isZero();
                assertThat(result.out()).contains("Usage: deploy-tool " + command, "--config");
            }
        }
    }
}
