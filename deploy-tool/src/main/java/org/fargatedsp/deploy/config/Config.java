package org.fargatedsp.deploy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import org.fargatedsp.deploy.judge.Thresholds;

/**
 * The deploy tool's whole configuration, validated at once; keys and defaults are in docs/deploy-tool.md.
 *
 * <p>Optional values are null (or empty lists) when unset; a command names the ones it needs with {@link #require}.
 *
 * @param variables every key/value the template may use as {@code ${NAME}}: all keys, plus {@code VAR_NAME} as NAME
 */
public record Config(String cluster, String service, Path template, String image, String version, String env,
                     List<String> subnets, List<String> securityGroups, String assignPublicIp,
                     List<String> targetGroupArns, String canaryTargetGroupArn, String canaryListenerRuleArn,
                     int canaryWeightPercent, String containerName, Integer containerPort,
                     int canaryCount, Duration bake, MetricsSourceKind metricsSource, Thresholds thresholds,
                     Timeouts timeouts, AwsSettings aws, DatadogSettings datadog, Map<String, String> variables) {

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    /** Builds and validates the configuration from merged keys (file, environment, flags); throws on any problem. */
    public static Config fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        String canaryTargetGroup = r.arn("CANARY_TARGET_GROUP_ARN", "elasticloadbalancing", "targetgroup/");
        String rule = r.arn("CANARY_LISTENER_RULE_ARN", "elasticloadbalancing", "listener-rule/");
        List<String> targetGroups = r.list("TARGET_GROUP_ARNS");
        for (String arn : targetGroups) {
            if (!arn.startsWith("arn:") || !arn.contains(":targetgroup/")) {
                r.problem("TARGET_GROUP_ARNS entry " + arn + " is not a target group ARN");
            }
        }
        if (rule != null && canaryTargetGroup == null) {
            r.problem("CANARY_LISTENER_RULE_ARN needs CANARY_TARGET_GROUP_ARN: the rule weights that group");
        }
        String assignPublicIp = r.string("ASSIGN_PUBLIC_IP");
        if (assignPublicIp != null && !assignPublicIp.equals("ENABLED") && !assignPublicIp.equals("DISABLED")) {
            r.problem("ASSIGN_PUBLIC_IP=" + assignPublicIp + " is not ENABLED or DISABLED");
        }
        MetricsSourceKind source = r.choice("METRICS_SOURCE", MetricsSourceKind.class, MetricsSourceKind.DATADOG);
        if (source == MetricsSourceKind.CLOUDWATCH && r.string("CANARY_TARGET_GROUP_ARN") == null) {
            r.problem("METRICS_SOURCE=cloudwatch needs CANARY_TARGET_GROUP_ARN: ALB metrics have no per-target"
                    + " dimension, so a canary sharing the service's target group cannot be told apart");
        }
        String template = r.string("TEMPLATE");
        Config config = new Config(
                r.string("CLUSTER"), r.string("SERVICE"), template == null ? null : Path.of(template),
                r.string("IMAGE"), r.string("VERSION"), r.string("ENV"),
                r.list("SUBNETS"), r.list("SECURITY_GROUPS"), assignPublicIp,
                targetGroups, canaryTargetGroup, rule,
                (int) r.number("CANARY_WEIGHT_PERCENT", 10, 1, 100),
                r.string("CONTAINER_NAME"), r.optionalInt("CONTAINER_PORT", 1, 65535),
                (int) r.number("CANARY_COUNT", 1, 1, 100),
                Duration.ofMillis(r.number("BAKE_MS", 600_000, 0, DAY_MS)),
                source, thresholds(r), timeouts(r), aws(r), datadog(r), variables(env));
        if (config.version() != null && !config.version().matches("[A-Za-z0-9._-]{1,128}")) {
            r.problem("VERSION=" + config.version() + " may hold only letters, digits, '.', '_' and '-' (at most 128)");
        }
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return config;
    }

    /** Throws one exception naming every listed key that has no value. */
    public Config require(String... keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String value = variables.get(key);
            if (value == null || value.isBlank()) {
                missing.add(key + " is required (set it in the environment file, as DEPLOY_" + key
                        + ", or with --set " + key + "=...)");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(missing);
        }
        return this;
    }

    /** True when canaries get a target group of their own, behind a weighted listener rule or not. */
    public boolean dedicatedCanaryTargetGroup() {
        return canaryTargetGroupArn != null;
    }

    private static Thresholds thresholds(ConfigReader r) {
        return new Thresholds(
                r.number("MIN_CANARY_REQUESTS", 100, 1, Long.MAX_VALUE),
                r.decimal("MAX_5XX_RATE", 0.05, 0, 1),
                r.decimal("MAX_5XX_RATE_DELTA", 0.005, 0, 1),
                r.decimal("MAX_ERROR_RATE_DELTA", 0.005, 0, 1),
                r.decimal("MAX_P99_RATIO", 1.2, 1, 100),
                r.decimal("P99_SLACK_MS", 5, 0, 60_000),
                r.decimal("MAX_NOBID_RATIO_DELTA", 0.05, 0, 1),
                (int) r.number("MAX_TASK_RESTARTS", 0, 0, 1000));
    }

    private static Timeouts timeouts(ConfigReader r) {
        return new Timeouts(
                Duration.ofMillis(r.number("TASK_START_TIMEOUT_MS", 600_000, 1, DAY_MS)),
                Duration.ofMillis(r.number("TARGET_HEALTHY_TIMEOUT_MS", 600_000, 1, DAY_MS)),
                Duration.ofMillis(r.number("DRAIN_TIMEOUT_MS", 900_000, 1, DAY_MS)),
                Duration.ofMillis(r.number("TASK_STOP_TIMEOUT_MS", 300_000, 1, DAY_MS)),
                Duration.ofMillis(r.number("DEPLOYMENT_TIMEOUT_MS", 1_800_000, 1, DAY_MS)),
                Duration.ofMillis(r.number("POLL_INTERVAL_MS", 5_000, 1, HOUR_MS)),
                Duration.ofMillis(r.number("MAX_POLL_INTERVAL_MS", 30_000, 1, HOUR_MS)),
                Duration.ofMillis(r.number("METRICS_LAG_MS", 120_000, 0, HOUR_MS)));
    }

    private static AwsSettings aws(ConfigReader r) {
        return new AwsSettings(r.string("REGION"),
                r.uri("ECS_ENDPOINT"), r.uri("ELB_ENDPOINT"), r.uri("CLOUDWATCH_ENDPOINT"),
                (int) r.number("AWS_MAX_ATTEMPTS", 8, 1, 50),
                Duration.ofMillis(r.number("AWS_RETRY_BASE_DELAY_MS", 100, 0, 60_000)),
                Duration.ofMillis(r.number("AWS_THROTTLE_BASE_DELAY_MS", 500, 0, 60_000)),
                Duration.ofMillis(r.number("AWS_MAX_BACKOFF_MS", 20_000, 0, 600_000)));
    }

    private static DatadogSettings datadog(ConfigReader r) {
        URI base = r.uri("DATADOG_BASE_URL");
        if (base == null && r.string("DATADOG_BASE_URL") == null) {
            base = URI.create("https://api." + r.string("DATADOG_SITE", "datadoghq.com"));
        }
        return new DatadogSettings(base, r.string("DATADOG_API_KEY"), r.string("DATADOG_APP_KEY"));
    }

    private static Map<String, String> variables(Map<String, String> env) {
        Map<String, String> variables = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (value != null) {
                variables.put(key, value.trim());
            }
        });
        env.forEach((key, value) -> {
            if (value != null && key.startsWith("VAR_") && key.length() > 4) {
                variables.put(key.substring(4), value.trim());
            }
        });
        variables.remove("DATADOG_API_KEY");
        variables.remove("DATADOG_APP_KEY");
        return Map.copyOf(variables);
    }

    @Override
    public String toString() {
        return "Config[cluster=" + cluster + ", service=" + service + ", image=" + image + ", version=" + version
                + ", env=" + env + ", datadog=" + datadog + "]";
    }
}
