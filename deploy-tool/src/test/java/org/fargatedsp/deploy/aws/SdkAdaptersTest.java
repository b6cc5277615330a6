package org.fargatedsp.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fargatedsp.deploy.Json;
import org.fargatedsp.deploy.config.AwsSettings;
import org.fargatedsp.deploy.judge.Cohort;
import org.fargatedsp.deploy.judge.CohortMetrics;
import org.fargatedsp.deploy.judge.CloudWatchMetricsSource;
import org.fargatedsp.deploy.sim.AwsSimulator;
import org.fargatedsp.deploy.sim.CloudWatchApi.TargetGroupMetrics;
import org.fargatedsp.deploy.sim.SimClock;
import org.fargatedsp.deploy.taskdef.SdkJson;
import org.fargatedsp.deploy.taskdef.TemplateRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** The SDK adapters through the real clients against the simulator: paging, batching, protocol details. */
class SdkAdaptersTest {
    static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dsp/50dc6c495c0c9188";

    SimClock clock = new SimClock(Instant.parse("2026-03-02T10:00:00Z"));
    AwsSimulator sim;
    AwsClients clients;
    SdkEcsOperations ecs;
    SdkLoadBalancerOperations elb;
    String revision;

    @BeforeEach
    void start() throws Exception {
        sim = new AwsSimulator(clock, "eu-west-1", "dsp-test");
        clients = AwsClients.create(new AwsSettings("eu-west-1", sim.endpoint(), sim.endpoint(), sim.endpoint(), 3,
                        Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
        ecs = new SdkEcsOperations(clients.ecs());
        elb = new SdkLoadBalancerOperations(clients.elb());
        Map<String, String> vars = new java.util.HashMap<>();
        for (String key : List.of("ENV", "TASK_CPU", "TASK_MEMORY", "ACCOUNT_ID", "IMAGE", "DRAIN_MS", "CAMPAIGNS_FILE",
                "NOTICE_BASE_URL", "DD_SITE", "VERSION", "DD_API_KEY_SECRET_ARN", "NOTICE_KEYS_SECRET_ARN", "REGION",
                "LOG_SHIPPER_IMAGE", "BID_LOG_DELIVERY_STREAM", "BID_CHECK_ENABLED")) {
            vars.put(key, "x");
        }
        revision = ecs.registerTaskDefinition(TemplateRenderer.render(Path.of("..", "task-definitions", "bidder.json"),
                vars, "1.0.0")).taskDefinitionArn();
    }

    @AfterEach
    void stop() {
        clients.close();
        sim.close();
    }

    @Test
    void describeTasksBatchesAHundredArnsPerCall() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            arns.addAll(ecs.runTask(RunTaskRequest.builder().cluster("dsp-test").taskDefinition(revision).count(10)
                    .startedBy("fargate-dsp-canary/bidder").build()).tasks().stream().map(t -> t.taskArn()).toList());
        }
        EcsOperations.TaskLookup lookup = ecs.describeTasks("dsp-test", arns);

        assertThat(lookup.missing()).as("first look after RunTask").hasSize(150);
        assertThat(ecs.describeTasks("dsp-test", arns).found()).hasSize(150);
        assertThat(sim.calls().stream().filter("ecs:DescribeTasks"::equals)).hasSize(4);
    }

    @Test
    void listTasksFollowsEveryPage() {
        ecs.runTask(RunTaskRequest.builder().cluster("dsp-test").taskDefinition(revision).count(5)
                .startedBy("fargate-dsp-canary/bidder").build());

        assertThat(ecs.listTasksStartedBy("dsp-test", "fargate-dsp-canary/bidder", DesiredStatus.RUNNING)).hasSize(5);
        assertThat(sim.calls().stream().filter("ecs:ListTasks"::equals)).hasSize(3);
    }

    @Test
    void activeRevisionsArePagedFilteredByFamilyAndNewestFirst() throws Exception {
        String json = Json.MAPPER.writeValueAsString(SdkJson.toJson(ecs.describeTaskDefinition(revision)
                .taskDefinition()));
        sim.registerTaskDefinition(json);
        sim.registerTaskDefinition(json);
        sim.registerTaskDefinition(json.replace("\"family\" : \"fargate-dsp-bidder-x\"",
                "\"family\" : \"fargate-dsp-bidder-x-canary\""));
        ecs.deregisterTaskDefinition("fargate-dsp-bidder-x:2");

        assertThat(ecs.listActiveRevisions("fargate-dsp-bidder-x")).extracting(Arns::taskDefinitionName)
                .containsExactly("fargate-dsp-bidder-x:3", "fargate-dsp-bidder-x:1");
    }

    @Test
    void targetsAreRegisteredInBatchesAndUnregisteredOnesReadUnused() {
        String group = sim.createTargetGroup("bidder", LB, Duration.ofSeconds(30));
        List<Target> targets = IntStream.range(0, 45).mapToObj(i -> new Target("10.1.0." + i, 8080)).toList();
        elb.registerTargets(group, targets);

        assertThat(sim.calls().stream().filter("elasticloadbalancing:RegisterTargets"::equals)).hasSize(3);
        assertThat(elb.describeTargetHealth(group)).hasSize(45);
        TargetHealthDescription other = elb.describeTargetHealth(group, List.of(new Target("10.9.9.9", 8080))).get(0);
        assertThat(other.targetHealth().stateAsString()).isEqualTo("unused");
        assertThat(other.targetHealth().reasonAsString()).isEqualTo("Target.NotRegistered");
    }

    @Test
    void forwardWeightsChangeOnlyTheNamedGroups() {
        String service = sim.createTargetGroup("bidder", LB, Duration.ofSeconds(30));
        String canary = sim.createTargetGroup("bidder-canary", LB, Duration.ofSeconds(30));
        String rule = sim.createRule(LB, Map.of(service, 1, canary, 0));

        elb.setForwardWeights(rule, Map.of(canary, 10));

        assertThat(elb.describeRule(rule).actions().get(0).forwardConfig().targetGroups())
                .extracting(t -> t.targetGroupArn() + "=" + t.weight())
                .containsExactlyInAnyOrder(service + "=1", canary + "=10");
    }

    @Test
    void cloudWatchResultsAreReadAcrossPagesAndMissing5xxIsZero() {
        String group = sim.createTargetGroup("bidder-canary", LB, Duration.ofSeconds(30));
        sim.cloudWatch().put(Arns.elbDimension(group), new TargetGroupMetrics(600, 0, 0.015));
        Instant from = clock.instant();
        CohortMetrics metrics = new CloudWatchMetricsSource(clients.cloudWatch()).fetch(new Cohort("canary",
                "dsp-test", "bidder", 3, "1.1.0", List.of(), group, LB), from, from.plusSeconds(600));

        assertThat(metrics.requests()).isEqualTo(6000.0);
        assertThat(metrics.responses5xx()).isZero();
        assertThat(metrics.p99Ms()).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics.noBids()).isNull();
        assertThat(sim.calls().stream().filter("monitoring:GetMetricData"::equals)).hasSize(3);
    }
}
