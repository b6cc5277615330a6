package org.fargatedsp.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @Test
    void defaultsAreProductionValues() {
        Config config = Config.fromEnv(Map.of());

        assertThat(config.canaryCount()).isEqualTo(1);
        assertThat(config.bake()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.metricsSource()).isEqualTo(MetricsSourceKind.DATADOG);
        assertThat(config.timeouts().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.datadog().baseUrl()).hasToString("https://api.datadoghq.com");
        assertThat(config.aws().maxAttempts()).isEqualTo(8);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("CANARY_COUNT", "0", "BAKE_MS", "soon",
                "MAX_5XX_RATE", "2", "ECS_ENDPOINT", "ftp://x", "CANARY_TARGET_GROUP_ARN", "tg-1",
                "ASSIGN_PUBLIC_IP", "yes", "VERSION", "1.0 beta")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "CANARY_COUNT=0: must be between 1 and 100",
                        "BAKE_MS=soon: not a whole number",
                        "MAX_5XX_RATE=2: must be between 0 and 1",
                        "ECS_ENDPOINT=ftp://x: must be an absolute http or https URL",
                        "CANARY_TARGET_GROUP_ARN=tg-1: not an ARN of an elasticloadbalancing targetgroup/",
                        "ASSIGN_PUBLIC_IP=yes: must be ENABLED or DISABLED",
                        "VERSION=1.0 beta: may hold only letters, digits, '.', '_' and '-' (at most 128)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TARGET_GROUP_ARNS        | arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1, tg-2"
                + " | TARGET_GROUP_ARNS=arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1,tg-2: entry tg-2 is not a target group ARN",
        "CANARY_LISTENER_RULE_ARN | arn:aws:elasticloadbalancing:eu-west-1:1:listener-rule/app/a/b/c/d"
                + " | CANARY_LISTENER_RULE_ARN needs CANARY_TARGET_GROUP_ARN: the rule weights that group",
        "METRICS_SOURCE           | cloudwatch            | METRICS_SOURCE=cloudwatch needs CANARY_TARGET_GROUP_ARN",
        "METRICS_SOURCE           | prometheus            | METRICS_SOURCE=prometheus: must be datadog or cloudwatch",
        "CONTAINER_PORT           | 0                     | CONTAINER_PORT=0: must be between 1 and 65535",
        "MIN_CANARY_REQUESTS      | 0                     | MIN_CANARY_REQUESTS=0: must be at least 1",
        "DATADOG_BASE_URL         | api.datadoghq.eu      | DATADOG_BASE_URL=api.datadoghq.eu: must be an absolute http or https URL",
        "DATADOG_SITE             | datadoghq.eu/api      | DATADOG_SITE=datadoghq.eu/api: must be a Datadog site host name"})
    void namesTheKeyAndTheBadValue(String key, String value, String message) {
        assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith(message));
    }

    @Test
    void readsNumbersAndChoicesTheWayEveryProgramDoes() {
        Config config = Config.fromEnv(Map.of("BAKE_MS", "300_000", "METRICS_SOURCE", "CloudWatch",
                "CANARY_TARGET_GROUP_ARN", "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/canary/1",
                "SUBNETS", " subnet-1 , subnet-2 ", "CONTAINER_PORT", "8_080", "CLUSTER", " "));

        assertThat(config.bake()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.metricsSource()).isEqualTo(MetricsSourceKind.CLOUDWATCH);
        assertThat(config.subnets()).containsExactly("subnet-1", "subnet-2");
        assertThat(config.containerPort()).isEqualTo(8080);
        assertThat(config.cluster()).as("a blank value is unset").isNull();
    }

    @Test
    void requireNamesEveryMissingKey() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("CLUSTER", "c")).require("CLUSTER", "SERVICE", "IMAGE"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anyMatch(p -> p.startsWith("SERVICE is required"))
                        .anyMatch(p -> p.startsWith("IMAGE is required")));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() {
        Path file = Path.of("environments", "staging.properties");
        Map<String, String> merged = ConfigSources.merge(file,
                Map.of("DEPLOY_CLUSTER", "from-env", "DEPLOY_SERVICE", "svc-env", "AWS_REGION", "us-east-1",
                        "DD_API_KEY", "k", "PATH", "/bin"),
                Map.of("SERVICE", "from-flag"));
        Config config = Config.fromEnv(merged);

        assertThat(config.cluster()).isEqualTo("from-env");
        assertThat(config.service()).isEqualTo("from-flag");
        assertThat(config.aws().region()).isEqualTo("eu-west-1");
        assertThat(config.canaryCount()).isEqualTo(2);
        assertThat(config.datadog().apiKey()).isEqualTo("k");
        assertThat(config.variables()).doesNotContainKey("DATADOG_API_KEY").doesNotContainKey("PATH");
    }

    @Test
    void templateVariablesIncludeVarPrefixedKeys() {
        Config config = Config.fromEnv(Map.of("VAR_LOG_SHIPPER_IMAGE", "shipper:1", "IMAGE", "bidder:2"));

        assertThat(config.variables()).containsEntry("LOG_SHIPPER_IMAGE", "shipper:1").containsEntry("IMAGE", "bidder:2");
    }

    @Test
    void missingEnvironmentFileIsNamed() {
        assertThatThrownBy(() -> ConfigSources.merge(Path.of("environments", "nope.properties"), Map.of(), Map.of()))
                .hasMessageContaining("nope.properties does not exist");
    }
}
