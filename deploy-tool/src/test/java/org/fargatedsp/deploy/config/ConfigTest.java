package org.fargatedsp.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import org.junit.jupiter.api.Test;

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
                        "CANARY_COUNT=0 is out of range [1, 100]",
                        "BAKE_MS=soon is not a whole number",
                        "MAX_5XX_RATE=2 is out of range [0.0, 1.0]",
                        "ECS_ENDPOINT=ftp://x is not an http(s) URL",
                        "CANARY_TARGET_GROUP_ARN=tg-1 is not an ARN of a elasticloadbalancing targetgroup/",
                        "ASSIGN_PUBLIC_IP=yes is not ENABLED or DISABLED",
                        "VERSION=1.0 beta may hold only letters, digits, '.', '_' and '-' (at most 128)"));
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
