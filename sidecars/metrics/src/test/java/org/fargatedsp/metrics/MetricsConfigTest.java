package org.fargatedsp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsConfigTest {
    private static final Key<String> SERVICE = MetricsConfig.service("fargate-dsp-bidder");

    @Test
    void turnsMetricsOffWithoutAnApiKey() {
        List<String> errors = new ArrayList<>();

        MetricsConfig c = MetricsConfig.fromEnv(Map.of(), SERVICE, errors);

        assertThat(errors).isEmpty();
        assertThat(c.enabled()).isFalse();
        assertThat(c).isEqualTo(new MetricsConfig(null, "https://api.datadoghq.com", null, "fargate-dsp-bidder",
                "dev", 10_000));
    }

    @ParameterizedTest
    @CsvSource({
        "'',                  '',                        https://api.datadoghq.com",
        "datadoghq.eu,        '',                        https://api.datadoghq.eu",
        "us5.datadoghq.com,   '',                        https://api.us5.datadoghq.com",
        "datadoghq.eu,        http://127.0.0.1:9000/,    http://127.0.0.1:9000",
        "'',                  https://proxy.internal/dd, https://proxy.internal/dd"
    })
    void takesTheIntakeFromTheSiteUnlessAFullUrlOverridesIt(String site, String url, String expected) {
        List<String> errors = new ArrayList<>();

        MetricsConfig c = MetricsConfig.fromEnv(Map.of("DD_API_KEY", "k", "DD_SITE", site, "DD_URL", url), SERVICE,
                errors);

        assertThat(errors).isEmpty();
        assertThat(c.uri()).isEqualTo(expected);
    }

    @Test
    void readsTheUnifiedServiceTags() {
        List<String> errors = new ArrayList<>();

        MetricsConfig c = MetricsConfig.fromEnv(Map.of("DD_API_KEY", "k", "DD_ENV", "prod", "DD_SERVICE", "bidder",
                "DD_VERSION", "1.4.0", "DD_STEP_MS", "60000"), SERVICE, errors);

        assertThat(c).isEqualTo(new MetricsConfig("k", "https://api.datadoghq.com", "prod", "bidder", "1.4.0",
                60_000));
        assertThat(c.enabled()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DD_SITE    | datadoghq.com/x     | DD_SITE=datadoghq.com/x: must be a Datadog site host name such as datadoghq.eu",
        "DD_URL     | ftp://intake        | DD_URL=ftp://intake: must be an absolute http or https URL",
        "DD_URL     | /api                | DD_URL=/api: must be an absolute http or https URL",
        "DD_URL     | http://h/?api_key=x | DD_URL=http://h/?api_key=x: must be an absolute http or https URL without a query or fragment",
        "DD_URL     | http://bad host     | DD_URL=http://bad host: not a URL (Illegal character in authority)",
        "DD_STEP_MS | 10s                 | DD_STEP_MS=10s: not a whole number",
        "DD_STEP_MS | 50                  | DD_STEP_MS=50: must be between 100 and 3600000"
    })
    void reportsABadValueNamingTheVariableAndTheValue(String key, String value, String message) {
        List<String> errors = new ArrayList<>();

        MetricsConfig.fromEnv(Map.of(key, value), SERVICE, errors);

        assertThat(errors).containsExactly(message);
    }

    @Test
    void takesEachProgramsOwnServiceNameByDefault() {
        MetricsConfig shipper = MetricsConfig.fromEnv(Map.of(), MetricsConfig.service("fargate-dsp-log-shipper"),
                new ArrayList<>());

        assertThat(shipper.service()).isEqualTo("fargate-dsp-log-shipper");
        assertThat(MetricsConfig.keys(SERVICE)).extracting(Key::name).containsExactly("DD_API_KEY", "DD_SITE",
                "DD_URL", "DD_ENV", "DD_SERVICE", "DD_VERSION", "DD_STEP_MS", "ECS_CONTAINER_METADATA_URI_V4");
    }

    @Test
    void keepsTheApiKeyOutOfItsStringForm() {
        MetricsConfig c = MetricsConfig.fromEnv(Map.of("DD_API_KEY", "secret-key-123"), SERVICE, new ArrayList<>());

        assertThat(c.toString()).doesNotContain("secret-key-123").contains("apiKey=***");
    }
}
