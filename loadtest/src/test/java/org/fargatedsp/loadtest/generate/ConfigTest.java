package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaultsNeedNoSettings() {
        Config config = Config.fromEnv(Map.of());

        assertThat(config.target().url()).isEqualTo("http://127.0.0.1:8080/openrtb2/bid");
        assertThat(config.ratePerSecond()).isEqualTo(1000);
        assertThat(config.durationS()).isEqualTo(30);
        assertThat(config.warmupS()).isEqualTo(5);
        assertThat(config.connections()).isEqualTo(64);
        assertThat(config.corpusDir()).isNull();
        assertThat(config.outDir()).isEqualTo(Path.of("loadtest-report"));
        assertThat(config.maxP99Ms()).isNaN();
        assertThat(config.totalRequests()).isEqualTo(35_000);
        assertThat(config.warmupRequests()).isEqualTo(5_000);
    }

    @Test
    void readsEveryKey() {
        Config config = Config.fromEnv(Map.ofEntries(
                Map.entry("LOADTEST_TARGET", "http://localhost:9/x"), Map.entry("LOADTEST_RATE", "2.5"),
                Map.entry("LOADTEST_DURATION_S", "4"), Map.entry("LOADTEST_WARMUP_S", "0"),
                Map.entry("LOADTEST_CONNECTIONS", "8"), Map.entry("LOADTEST_THREADS", "2"),
                Map.entry("LOADTEST_TIMEOUT_MS", "50"), Map.entry("LOADTEST_CONNECT_TIMEOUT_MS", "60"),
                Map.entry("LOADTEST_CORPUS_DIR", "/c"), Map.entry("LOADTEST_VARIANTS", "0"),
                Map.entry("LOADTEST_SEED", "-3"), Map.entry("LOADTEST_OUT_DIR", "/o"),
                Map.entry("LOADTEST_JSON_FILE", "/j.json"), Map.entry("LOADTEST_FAIL_ON_ERRORS", "TRUE"),
                Map.entry("LOADTEST_MAX_P99_MS", "1.5"), Map.entry("LOADTEST_MAX_P999_MS", "5"),
                Map.entry("LOADTEST_PROGRESS", "false")));

        assertThat(config).isEqualTo(new Config(config.target(), 2.5, 4, 0, 8, 2, 50, 60, Path.of("/c"), 0, -3,
                Path.of("/o"), Path.of("/j.json"), true, 1.5, 5, false));
        assertThat(config.target().port()).isEqualTo(9);
    }

    @Test
    void reportsEveryBadSettingAtOnce() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("LOADTEST_RATE", "0", "LOADTEST_CONNECTIONS", "zero",
                "LOADTEST_TARGET", "https://x", "LOADTEST_FAIL_ON_ERRORS", "maybe")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("LOADTEST_RATE=0: must be above 0")
                .hasMessageContaining("LOADTEST_CONNECTIONS=zero: not a whole number")
                .hasMessageContaining("LOADTEST_TARGET=https://x: 'https://x' must be an http:// URL")
                .hasMessageContaining("LOADTEST_FAIL_ON_ERRORS=maybe: must be true or false")
                .message().doesNotContain("\n");
    }

    @Test
    void readsNumbersAndBooleansTheWayEveryProgramDoes() {
        Config config = Config.fromEnv(Map.of("LOADTEST_RATE", "2_500", "LOADTEST_CONNECTIONS", "1_024",
                "LOADTEST_FAIL_ON_ERRORS", "yes", "LOADTEST_PROGRESS", "off", "LOADTEST_SEED", " "));

        assertThat(config.ratePerSecond()).isEqualTo(2500);
        assertThat(config.connections()).isEqualTo(1024);
        assertThat(config.failOnErrors()).isTrue();
        assertThat(config.progress()).isFalse();
        assertThat(config.seed()).as("a blank value is unset").isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LOADTEST_RATE=-5           | LOADTEST_RATE=-5: must be above 0",
        "LOADTEST_RATE=NaN          | LOADTEST_RATE=NaN: not a number",
        "LOADTEST_DURATION_S=0      | LOADTEST_DURATION_S=0: must be between 1 and 2147483647",
        "LOADTEST_TIMEOUT_MS=0      | LOADTEST_TIMEOUT_MS=0: must be between 1 and 600000",
        "LOADTEST_THREADS=4         | LOADTEST_CONNECTIONS=64: must be at least LOADTEST_THREADS (4)x",
        "LOADTEST_RATE=0.01         | LOADTEST_RATE=0.01: times LOADTEST_DURATION_S (30) must come to at least one request",
        "LOADTEST_RATE=1e12         | LOADTEST_RATE=1000000000000: times LOADTEST_DURATION_S + LOADTEST_WARMUP_S (30 + 5) must stay below 999999999999 requests",
        "LOADTEST_MAX_P99_MS=0      | LOADTEST_MAX_P99_MS=0: must be above 0",
        "LOADTEST_TARGET=http://    | LOADTEST_TARGET=http://: 'http://' is not a URL",
        "LOADTEST_SEED=1.5          | LOADTEST_SEED=1.5: not a whole number",
        "LOADTEST_PROGRESS=quiet    | LOADTEST_PROGRESS=quiet: must be true or false",
    })
    void rejectsBadValues(String setting, String message) {
        String[] keyValue = setting.split("=", 2);
        Map<String, String> env = keyValue[0].equals("LOADTEST_THREADS")
                ? Map.of(keyValue[0], keyValue[1], "LOADTEST_CONNECTIONS", "3")
                : Map.of(keyValue[0], keyValue[1]);
        String expected = message.endsWith("x")
                ? "LOADTEST_CONNECTIONS=3: must be at least LOADTEST_THREADS (4)"
                : message;

        assertThatThrownBy(() -> Config.fromEnv(env)).hasMessageContaining(expected);
    }
}
