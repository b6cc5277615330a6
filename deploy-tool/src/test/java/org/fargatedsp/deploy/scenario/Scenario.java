package org.fargatedsp.deploy.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.DeployTool;
import org.fargatedsp.deploy.Interrupts;
import org.fargatedsp.deploy.Json;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.command.ToolEnvironment;
import org.fargatedsp.deploy.sim.AwsSimulator;
import org.fargatedsp.deploy.sim.CloudWatchApi.TargetGroupMetrics;
import org.fargatedsp.deploy.sim.DatadogSimulator;
import org.fargatedsp.deploy.sim.DatadogSimulator.CohortTraffic;
import org.fargatedsp.deploy.sim.ElbModel;
import org.fargatedsp.deploy.sim.SimClock;
import org.fargatedsp.deploy.sim.SimTask;
import org.fargatedsp.deploy.taskdef.SdkJson;
import org.fargatedsp.deploy.taskdef.TemplateRenderer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One simulated account for a scenario: a cluster with the bidder service (3 tasks of revision 2, version 1.0.1)
 * behind a target group, optionally a dedicated canary group behind a weighted rule, Datadog and CloudWatch
 * metrics for both cohorts, and the tool run in-process with its sleeps advancing the simulated clock.
 */
final class Scenario implements AutoCloseable {
    static final Path TEMPLATE = Path.of("..", "task-definitions", "bidder.json");
    static final String CLUSTER = "dsp-test";
    static final String SERVICE = "bidder";
    static final String REGION = "eu-west-1";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final SimClock clock = new SimClock(Instant.parse("2026-03-02T10:00:00Z"));
    final AwsSimulator aws;
    final DatadogSimulator datadog;
    final String loadBalancerArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dsp/50dc6c495c0c9188";
    final String serviceGroup;
    final String canaryGroup;
    final String rule;
    final String firstRevision;
    final String baselineRevision;
    final Map<String, String> env = new HashMap<>();
    volatile SleepHook onSleep = d -> { };

    /** Runs before each of the tool's sleeps: a scenario can block there, or kill the run. */
    @FunctionalInterface
    interface SleepHook {
        void beforeSleep(Duration duration) throws InterruptedException;
    }

    /** The outcome of one command line. */
    record Result(int exitCode, String out, String err) {
    }

    private Scenario(boolean dedicated) throws IOException {
        aws = new AwsSimulator(clock, REGION, CLUSTER);
        datadog = new DatadogSimulator(aws);
        serviceGroup = aws.createTargetGroup("bidder", loadBalancerArn, Duration.ofSeconds(30));
        canaryGroup = dedicated ? aws.createTargetGroup("bidder-canary", loadBalancerArn, Duration.ofSeconds(30)) : null;
        rule = dedicated ? aws.createRule(loadBalancerArn, Map.of(serviceGroup, 1, canaryGroup, 0)) : null;
        env.putAll(Map.ofEntries(
                Map.entry("DEPLOY_REGION", REGION), Map.entry("DEPLOY_CLUSTER", CLUSTER),
                Map.entry("DEPLOY_SERVICE", SERVICE), Map.entry("DEPLOY_TEMPLATE", TEMPLATE.toString()),
                Map.entry("DEPLOY_ENV", "test"), Map.entry("DEPLOY_ACCOUNT_ID", "123456789012"),
                Map.entry("DEPLOY_TASK_CPU", "1024"), Map.entry("DEPLOY_TASK_MEMORY", "2048"),
                Map.entry("DEPLOY_DRAIN_MS", "20000"), Map.entry("DEPLOY_CAMPAIGNS_FILE", "/etc/bidder/campaigns.json"),
                Map.entry("DEPLOY_NOTICE_BASE_URL", "https://notice.test"), Map.entry("DEPLOY_DD_SITE", "datadoghq.eu"),
                Map.entry("DEPLOY_DD_API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd"),
                Map.entry("DEPLOY_NOTICE_KEYS_SECRET_ARN",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:notice-keys"),
                Map.entry("DEPLOY_LOG_SHIPPER_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/log-shipper:1"),
                Map.entry("DEPLOY_BID_LOG_DELIVERY_STREAM", "bids"), Map.entry("DEPLOY_BID_CHECK_ENABLED", "true"),
                Map.entry("DEPLOY_ECS_ENDPOINT", aws.endpoint().toString()),
                Map.entry("DEPLOY_ELB_ENDPOINT", aws.endpoint().toString()),
                Map.entry("DEPLOY_CLOUDWATCH_ENDPOINT", aws.endpoint().toString()),
                Map.entry("DEPLOY_DATADOG_BASE_URL", datadog.baseUrl().toString()),
                Map.entry("DD_API_KEY", DatadogSimulator.API_KEY), Map.entry("DD_APP_KEY", DatadogSimulator.APP_KEY),
                Map.entry("DEPLOY_AWS_RETRY_BASE_DELAY_MS", "1"), Map.entry("DEPLOY_AWS_THROTTLE_BASE_DELAY_MS", "1"),
                Map.entry("DEPLOY_AWS_MAX_BACKOFF_MS", "5"),
                Map.entry("DEPLOY_CANARY_COUNT", "2"), Map.entry("DEPLOY_BAKE_MS", "600000"),
                Map.entry("DEPLOY_METRICS_LAG_MS", "60000"), Map.entry("DEPLOY_POLL_INTERVAL_MS", "10000"),
                Map.entry("DEPLOY_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.1.0"),
                Map.entry("DEPLOY_VERSION", "1.1.0")));
        if (dedicated) {
            env.put("DEPLOY_CANARY_TARGET_GROUP_ARN", canaryGroup);
            env.put("DEPLOY_CANARY_LISTENER_RULE_ARN", rule);
        }
        firstRevision = aws.registerTaskDefinition(rendered("1.0.0"));
        baselineRevision = aws.registerTaskDefinition(rendered("1.0.1"));
        aws.createService(SERVICE, baselineRevision, 3, List.of(serviceGroup), true);
        datadog.cohort("baseline", new CohortTraffic(6000, 0.6, 0.001, 0.001, 12));
        datadog.cohort("canary", new CohortTraffic(600, 0.6, 0.001, 0.001, 12.5));
        aws.cloudWatch().put(Arns.elbDimension(serviceGroup), new TargetGroupMetrics(6000, 6, 0.012));
        if (dedicated) {
            aws.cloudWatch().put(Arns.elbDimension(canaryGroup), new TargetGroupMetrics(600, 0.6, 0.0125));
        }
    }

    /** The service shares its target group with the canary; Datadog judges. */
    static Scenario sharedTargetGroup() throws IOException {
        return new Scenario(false);
    }

    /** The canary has its own target group behind a weighted listener rule. */
    static Scenario dedicatedTargetGroup() throws IOException {
        return new Scenario(true);
    }

    private String rendered(String version) throws IOException {
        Map<String, String> vars = new HashMap<>();
        env.forEach((k, v) -> vars.put(k.replace("DEPLOY_", ""), v));
        vars.put("VERSION", version);
        vars.put("IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:" + version);
        return Json.MAPPER.writeValueAsString(SdkJson.toJson(TemplateRenderer.render(TEMPLATE, vars, version)));
    }

    /** Runs one command line in this thread; the tool's sleeps advance the simulated clock. */
    Result run(String... args) {
        return run(new Interrupts(Thread.currentThread(), System.err, Duration.ofMinutes(1)), args);
    }

    Result run(Interrupts interrupts, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ToolEnvironment tool = new ToolEnvironment(Map.copyOf(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock, d -> {
                    onSleep.beforeSleep(d);
                    clock.advance(d);
                }, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), HTTP,
                interrupts);
        int code = DeployTool.run(args, tool);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ---- the simulator's end state ----

    List<SimTask> liveCanaryTasks() {
        return aws.read(sim -> sim.ecs().tasks().stream()
                .filter(t -> t.startedBy() != null && t.startedBy().startsWith("fargate-dsp-canary/"))
                .filter(t -> !"STOPPED".equals(t.lastStatus())).toList());
    }

    /** True once canary targets are registered and healthy in the group. */
    boolean canaryTargetsHealthy(String group) {
        return aws.read(sim -> {
            List<String> canaryIps = sim.ecs().tasks().stream()
                    .filter(t -> t.startedBy() != null && t.startedBy().startsWith("fargate-dsp-canary/"))
                    .map(SimTask::ip).toList();
            return sim.elb().group(group).targets().stream()
                    .filter(t -> canaryIps.contains(t.ip())).anyMatch(t -> "healthy".equals(t.state()));
        });
    }

    List<SimTask> canaryTasks() {
        return aws.read(sim -> sim.ecs().tasks().stream()
                .filter(t -> t.startedBy() != null && t.startedBy().startsWith("fargate-dsp-canary/")).toList());
    }

    String primaryRevision() {
        return aws.read(sim -> sim.ecs().service(SERVICE).primary().taskDefinitionArn());
    }

    Map<String, Integer> ruleWeights() {
        return aws.read(sim -> sim.elb().ruleWeights(rule));
    }

    int deploymentCount() {
        return aws.read(sim -> sim.ecs().service(SERVICE).deployments().size());
    }

    String primaryRolloutState() {
        return aws.read(sim -> sim.ecs().service(SERVICE).primary().rolloutState());
    }

    List<String> serviceTaskRevisions() {
        return aws.read(sim -> sim.ecs().tasks().stream()
                .filter(t -> t.startedBy() != null && t.startedBy().startsWith("ecs-svc/") && t.running())
                .map(SimTask::taskDefinitionArn).distinct().toList());
    }

    List<String> targetIps(String group) {
        return aws.read(sim -> sim.elb().group(group).targets().stream().map(ElbModel.SimTarget::ip).toList());
    }

    List<String> serviceTaskIps() {
        return aws.read(sim -> sim.ecs().tasks().stream()
                .filter(t -> t.startedBy() != null && t.startedBy().startsWith("ecs-svc/") && t.running())
                .map(SimTask::ip).toList());
    }

    String revisionStatus(String arn) {
        return aws.read(sim -> sim.ecs().taskDefinitions().find(arn).status());
    }

    String revision(int number) {
        return baselineRevision.substring(0, baselineRevision.lastIndexOf(':') + 1) + number;
    }

    @Override
    public void close() {
        datadog.close();
        aws.close();
    }
}
