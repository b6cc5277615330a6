package org.fargatedsp.deploy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fargatedsp.config.Key;
import org.fargatedsp.deploy.judge.MetricsSourceKind;

/**
 * Every key the deploy tool reads, declared once with its range, default and documentation line; the table in
 * docs/deploy-tool.md is printed from {@link #ALL} ({@link ConfigDocs}).
 */
public final class ConfigKeys {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String SERVICES = "the service's";
    private static final String REGIONAL = "regional";

    public static final Key<String> REGION = Key.string("REGION").documentedDefault("`AWS_REGION`")
            .doc("AWS region");
    public static final Key<String> CLUSTER = Key.string("CLUSTER").doc("the ECS cluster");
    public static final Key<String> SERVICE = Key.string("SERVICE").doc("the ECS service");
    public static final Key<Path> TEMPLATE = Key.path("TEMPLATE")
            .doc("task definition template, e.g. `task-definitions/bidder.json`");
    public static final Key<String> IMAGE = Key.string("IMAGE").doc("the bidder image");
    public static final Key<String> VERSION = Key.string("VERSION", "[A-Za-z0-9._-]{1,128}",
            "may hold only letters, digits, '.', '_' and '-' (at most 128)")
            .doc("its version: the image tag (letters, digits, `._-`)");
    public static final Key<String> ENV = Key.string("ENV").doc("the environment name");
    public static final Key<List<String>> SUBNETS = Key.list("SUBNETS").documentedDefault(SERVICES)
            .doc("comma-separated, for the canary tasks");
    public static final Key<List<String>> SECURITY_GROUPS = Key.list("SECURITY_GROUPS").documentedDefault(SERVICES)
            .doc("comma-separated, for the canary tasks");
    public static final Key<String> ASSIGN_PUBLIC_IP = Key.string("ASSIGN_PUBLIC_IP", "ENABLED|DISABLED",
            "must be ENABLED or DISABLED").documentedDefault(SERVICES).doc("`ENABLED` or `DISABLED`");
    public static final Key<List<String>> TARGET_GROUP_ARNS = Key.list("TARGET_GROUP_ARNS")
            .documentedDefault(SERVICES).doc("the service's target groups (the baseline)");
    public static final Key<String> CANARY_TARGET_GROUP_ARN = arn("CANARY_TARGET_GROUP_ARN", "targetgroup/")
            .doc("a dedicated target group for the canary (needed for `METRICS_SOURCE=cloudwatch`)");
    public static final Key<String> CANARY_LISTENER_RULE_ARN = arn("CANARY_LISTENER_RULE_ARN", "listener-rule/")
            .doc("a listener rule forwarding to the service's group(s) and the canary group, by weight");
    public static final Key<Integer> CANARY_WEIGHT_PERCENT = Key.integer("CANARY_WEIGHT_PERCENT", 1, 100)
            .byDefault(10).doc("the canary group's weight on that rule");
    public static final Key<String> CONTAINER_NAME = Key.string("CONTAINER_NAME")
            .documentedDefault("the service's load balancer entry, else `bidder`").doc("where targets point");
    public static final Key<Integer> CONTAINER_PORT = Key.integer("CONTAINER_PORT", 1, 65_535)
            .documentedDefault("the service's load balancer entry, else `8080`").doc("where targets point");
    public static final Key<Integer> CANARY_COUNT = Key.integer("CANARY_COUNT", 1, 100).byDefault(1)
            .doc("canary tasks (1-100)");
    public static final Key<Duration> BAKE_MS = Key.duration("BAKE_MS", Duration.ZERO, DAY)
            .byDefault(Duration.ofMinutes(10)).doc("how long the canary takes traffic before it is judged");
    public static final Key<MetricsSourceKind> METRICS_SOURCE = Key.choice("METRICS_SOURCE", MetricsSourceKind.class)
            .byDefault(MetricsSourceKind.DATADOG).doc("`datadog` or `cloudwatch`");
    public static final Key<String> DATADOG_SITE = Key.string("DATADOG_SITE", "[A-Za-z0-9.-]+",
            "must be a Datadog site host name such as datadoghq.eu").byDefault("datadoghq.com")
            .doc("Datadog API `https://api.<site>`");
    public static final Key<URI> DATADOG_BASE_URL = Key.uri("DATADOG_BASE_URL")
            .documentedDefault("from `DATADOG_SITE`").doc("a full Datadog API base URL instead of the site's");
    public static final Key<String> DATADOG_API_KEY = Key.string("DATADOG_API_KEY")
            .doc("Datadog API key (header `DD-API-KEY`), from `DD_API_KEY` in the environment; refused in the file");
    public static final Key<String> DATADOG_APP_KEY = Key.string("DATADOG_APP_KEY")
            .doc("Datadog application key (header `DD-APPLICATION-KEY`), from `DD_APP_KEY` in the environment;"
                    + " refused in the file");
    public static final Key<Long> MIN_CANARY_REQUESTS = Key.longInteger("MIN_CANARY_REQUESTS", 1, Long.MAX_VALUE)
            .byDefault(100L).doc("fewer canary requests in the window fails the canary");
    public static final Key<Double> MAX_5XX_RATE = Key.decimal("MAX_5XX_RATE", 0, 1).byDefault(0.05)
            .doc("ceiling on the canary's 5xx share");
    public static final Key<Double> MAX_5XX_RATE_DELTA = Key.decimal("MAX_5XX_RATE_DELTA", 0, 1).byDefault(0.005)
            .doc("canary 5xx share may exceed the baseline's by this much");
    public static final Key<Double> MAX_ERROR_RATE_DELTA = Key.decimal("MAX_ERROR_RATE_DELTA", 0, 1)
            .byDefault(0.005).doc("same for the share of requests with `outcome=error`");
    public static final Key<Double> MAX_P99_RATIO = Key.decimal("MAX_P99_RATIO", 1, 100).byDefault(1.2)
            .doc("canary p99 <= baseline p99 x `MAX_P99_RATIO` + `P99_SLACK_MS`");
    public static final Key<Double> P99_SLACK_MS = Key.decimal("P99_SLACK_MS", 0, 60_000).byDefault(5.0)
            .doc("the slack of that rule, in milliseconds");
    public static final Key<Double> MAX_NOBID_RATIO_DELTA = Key.decimal("MAX_NOBID_RATIO_DELTA", 0, 1)
            .byDefault(0.05).doc("canary no-bid ratio within this of the baseline's, either way");
    public static final Key<Integer> MAX_TASK_RESTARTS = Key.integer("MAX_TASK_RESTARTS", 0, 1000).byDefault(0)
            .doc("canary tasks that may stop during the bake");
    public static final Key<Duration> TASK_START_TIMEOUT_MS = wait("TASK_START_TIMEOUT_MS", DAY, 600_000)
            .doc("wait for RUNNING/HEALTHY");
    public static final Key<Duration> TARGET_HEALTHY_TIMEOUT_MS = wait("TARGET_HEALTHY_TIMEOUT_MS", DAY, 600_000)
            .doc("wait for target health `healthy`");
    public static final Key<Duration> DRAIN_TIMEOUT_MS = wait("DRAIN_TIMEOUT_MS", DAY, 900_000)
            .doc("wait for deregistered targets to drain");
    public static final Key<Duration> TASK_STOP_TIMEOUT_MS = wait("TASK_STOP_TIMEOUT_MS", DAY, 300_000)
            .doc("wait for stopped canary tasks to reach STOPPED");
    public static final Key<Duration> DEPLOYMENT_TIMEOUT_MS = wait("DEPLOYMENT_TIMEOUT_MS", DAY, 1_800_000)
            .doc("wait for the service deployment");
    public static final Key<Duration> POLL_INTERVAL_MS = wait("POLL_INTERVAL_MS", HOUR, 5_000)
            .doc("poll interval");
    public static final Key<Duration> MAX_POLL_INTERVAL_MS = wait("MAX_POLL_INTERVAL_MS", HOUR, 30_000)
            .doc("the poll interval's ceiling when backing off");
    public static final Key<Duration> METRICS_LAG_MS = Key.duration("METRICS_LAG_MS", Duration.ZERO, HOUR)
            .byDefault(Duration.ofMinutes(2)).doc("wait after the bake before reading metrics");
    public static final Key<URI> ECS_ENDPOINT = Key.uri("ECS_ENDPOINT").documentedDefault(REGIONAL)
            .doc("ECS endpoint override (tests, LocalStack-like endpoints)");
    public static final Key<URI> ELB_ENDPOINT = Key.uri("ELB_ENDPOINT").documentedDefault(REGIONAL)
            .doc("ELBv2 endpoint override (tests, LocalStack-like endpoints)");
    public static final Key<URI> CLOUDWATCH_ENDPOINT = Key.uri("CLOUDWATCH_ENDPOINT").documentedDefault(REGIONAL)
            .doc("CloudWatch endpoint override (tests, LocalStack-like endpoints)");
    public static final Key<Integer> AWS_MAX_ATTEMPTS = Key.integer("AWS_MAX_ATTEMPTS", 1, 50).byDefault(8)
            .doc("SDK attempts per call");
    public static final Key<Duration> AWS_RETRY_BASE_DELAY_MS = backoff("AWS_RETRY_BASE_DELAY_MS", 60_000, 100)
            .doc("SDK backoff: base delay for ordinary retryable errors");
    public static final Key<Duration> AWS_THROTTLE_BASE_DELAY_MS = backoff("AWS_THROTTLE_BASE_DELAY_MS", 60_000, 500)
            .doc("SDK backoff: base delay after a throttling error");
    public static final Key<Duration> AWS_MAX_BACKOFF_MS = backoff("AWS_MAX_BACKOFF_MS", 600_000, 20_000)
            .doc("SDK backoff: ceiling on any one delay");

    /** Every key, in the order of the documentation's table. */
    public static final List<Key<?>> ALL = List.of(REGION, CLUSTER, SERVICE, TEMPLATE, IMAGE, VERSION, ENV, SUBNETS,
            SECURITY_GROUPS, ASSIGN_PUBLIC_IP, TARGET_GROUP_ARNS, CANARY_TARGET_GROUP_ARN, CANARY_LISTENER_RULE_ARN,
            CANARY_WEIGHT_PERCENT, CONTAINER_NAME, CONTAINER_PORT, CANARY_COUNT, BAKE_MS, METRICS_SOURCE,
            DATADOG_SITE, DATADOG_BASE_URL, DATADOG_API_KEY, DATADOG_APP_KEY, MIN_CANARY_REQUESTS, MAX_5XX_RATE,
            MAX_5XX_RATE_DELTA, MAX_ERROR_RATE_DELTA, MAX_P99_RATIO, P99_SLACK_MS, MAX_NOBID_RATIO_DELTA,
            MAX_TASK_RESTARTS, TASK_START_TIMEOUT_MS, TARGET_HEALTHY_TIMEOUT_MS, DRAIN_TIMEOUT_MS,
            TASK_STOP_TIMEOUT_MS, DEPLOYMENT_TIMEOUT_MS, POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS, METRICS_LAG_MS,
            ECS_ENDPOINT, ELB_ENDPOINT, CLOUDWATCH_ENDPOINT, AWS_MAX_ATTEMPTS, AWS_RETRY_BASE_DELAY_MS,
            AWS_THROTTLE_BASE_DELAY_MS, AWS_MAX_BACKOFF_MS);

    private ConfigKeys() {}

    /** A wait of at least a millisecond and at most {@code max}. */
    private static Key<Duration> wait(String name, Duration max, long defaultMs) {
        return Key.duration(name, Duration.ofMillis(1), max).byDefault(Duration.ofMillis(defaultMs));
    }

    private static Key<Duration> backoff(String name, long maxMs, long defaultMs) {
        return Key.duration(name, Duration.ZERO, Duration.ofMillis(maxMs)).byDefault(Duration.ofMillis(defaultMs));
    }

    /** An ARN of an Elastic Load Balancing resource whose id starts with {@code resourcePrefix}. */
    private static Key<String> arn(String name, String resourcePrefix) {
        String service = "elasticloadbalancing";
        return Key.of(name, value -> {
            String[] parts = value.split(":", 6);
            if (!(value.startsWith("arn:") && parts.length == 6 && parts[2].equals(service)
                    && parts[5].startsWith(resourcePrefix))) {
                throw new IllegalArgumentException("not an ARN of an " + service + " " + resourcePrefix);
            }
            return value;
        }, arn -> arn);
    }
}
