package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
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
                "LOADTEST_TARGET", "https://x", "LOADTEST_FAIL_ON_ERRORS", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rate (LOADTEST_RATE) must be a number above 0, got '0'")
                .hasMessageContaining("--connections (LOADTEST_CONNECTIONS) must be a whole number from 1 to 100000, got 'zero'")
                .hasMessageContaining("must be an http:// URL")
                .hasMessageContaining("--fail-on-errors (LOADTEST_FAIL_ON_ERRORS) must be true or false, got 'yes'")
                .message().doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LOADTEST_RATE=-5           | --rate (LOADTEST_RATE) must be a number above 0",
        "LOADTEST_RATE=NaN          | --rate (LOADTEST_RATE) must be a number above 0",
        "LOADTEST_DURATION_S=0      | --duration-s (LOADTEST_DURATION_S) must be a whole number >= 1",
        "LOADTEST_TIMEOUT_MS=0      | --timeout-ms (LOADTEST_TIMEOUT_MS) must be a whole number from 1",
        "LOADTEST_THREADS=4         | --connections (64) must be at least --threads (4)x",
        "LOADTEST_RATE=0.01         | must come to at least one request",
        "LOADTEST_MAX_P99_MS=0      | --max-p99-ms (LOADTEST_MAX_P99_MS) must be a number above 0",
        "LOADTEST_TARGET=http://    | --target (LOADTEST_TARGET)",
    })
    void rejectsBadValues(String setting, String message) {
        String[] keyValue = setting.split("=", 2);
        Map<String, String> env = keyValue[0].equals("LOADTEST_THREADS")
                ? Map.of(keyValue[0], keyValue[1], "LOADTEST_CONNECTIONS", "3")
                : Map.of(keyValue[0], keyValue[1]);
        String expected = message.endsWith("x")
                ? "--connections (3) must be at least --threads (4)"
                : message;

        assertThatThrownBy(() -> Config.fromEnv(env)).hasMessageContaining(expected);
    }
}
