package org.fargatedsp.deploy.config;

import static org.fargatedsp.deploy.config.ConfigKeys.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import org.fargatedsp.deploy.judge.Thresholds;

/**
 * The deploy tool's whole configuration, validated at once; its keys are {@link ConfigKeys}, documented in
 * docs/deploy-tool.md.
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

    /** Builds and validates the configuration from merged keys (file, environment, flags); throws on any problem. */
    public static Config fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        String canaryTargetGroup = r.get(CANARY_TARGET_GROUP_ARN);
        String rule = r.get(CANARY_LISTENER_RULE_ARN);
        List<String> targetGroups = r.get(TARGET_GROUP_ARNS);
        for (String arn : targetGroups) {
            if (!arn.startsWith("arn:") || !arn.contains(":targetgroup/")) {
                r.problem(TARGET_GROUP_ARNS, targetGroups, "entry " + arn + " is not a target group ARN");
            }
        }
        if (rule != null && canaryTargetGroup == null) {
            r.problem("CANARY_LISTENER_RULE_ARN needs CANARY_TARGET_GROUP_ARN: the rule weights that group");
        }
        MetricsSourceKind source = r.get(METRICS_SOURCE);
        if (source == MetricsSourceKind.CLOUDWATCH && !r.isSet(CANARY_TARGET_GROUP_ARN)) {
            r.problem("METRICS_SOURCE=cloudwatch needs CANARY_TARGET_GROUP_ARN: ALB metrics have no per-target"
                    + " dimension, so a canary sharing the service's target group cannot be told apart");
        }
        Config config = new Config(
                r.get(CLUSTER), r.get(SERVICE), r.get(TEMPLATE), r.get(IMAGE), r.get(VERSION), r.get(ENV),
                r.get(SUBNETS), r.get(SECURITY_GROUPS), r.get(ASSIGN_PUBLIC_IP),
                targetGroups, canaryTargetGroup, rule, r.get(CANARY_WEIGHT_PERCENT),
                r.get(CONTAINER_NAME), r.get(CONTAINER_PORT), r.get(CANARY_COUNT), r.get(BAKE_MS),
                source, thresholds(r), timeouts(r), aws(r), datadog(r), variables(env));
        r.throwIfProblems();
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
        return new Thresholds(r.get(MIN_CANARY_REQUESTS), r.get(MAX_5XX_RATE), r.get(MAX_5XX_RATE_DELTA),
                r.get(MAX_ERROR_RATE_DELTA), r.get(MAX_P99_RATIO), r.get(P99_SLACK_MS), r.get(MAX_NOBID_RATIO_DELTA),
                r.get(MAX_TASK_RESTARTS));
    }

    private static Timeouts timeouts(ConfigReader r) {
        return new Timeouts(r.get(TASK_START_TIMEOUT_MS), r.get(TARGET_HEALTHY_TIMEOUT_MS), r.get(DRAIN_TIMEOUT_MS),
                r.get(TASK_STOP_TIMEOUT_MS), r.get(DEPLOYMENT_TIMEOUT_MS), r.get(POLL_INTERVAL_MS),
                r.get(MAX_POLL_INTERVAL_MS), r.get(METRICS_LAG_MS));
    }

    private static AwsSettings aws(ConfigReader r) {
        return new AwsSettings(r.get(REGION), r.get(ECS_ENDPOINT), r.get(ELB_ENDPOINT), r.get(CLOUDWATCH_ENDPOINT),
                r.get(AWS_MAX_ATTEMPTS), r.get(AWS_RETRY_BASE_DELAY_MS), r.get(AWS_THROTTLE_BASE_DELAY_MS),
                r.get(AWS_MAX_BACKOFF_MS));
    }

    private static DatadogSettings datadog(ConfigReader r) {
        String site = r.get(DATADOG_SITE);
        URI base = r.get(DATADOG_BASE_URL);
        if (base == null && !r.isSet(DATADOG_BASE_URL)) {
            base = URI.create("https://api." + site);
        }
        return new DatadogSettings(base, r.get(DATADOG_API_KEY), r.get(DATADOG_APP_KEY));
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
