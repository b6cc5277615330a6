package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {
    private static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535).byDefault(8080).doc("Port.");
    private static final Key<Long> MAX_BODY_BYTES = Key.bytes("MAX_BODY_BYTES", 1024, 1 << 26).byDefault(262_144L);
    private static final Key<Long> MAX_INFLATED_BODY_BYTES =
            Key.bytes("MAX_INFLATED_BODY_BYTES", 1024, 1 << 28).byDefault(1_048_576L);
    private static final Key<Boolean> ENABLED = Key.bool("ENABLED").byDefault(true);
    private static final Key<Duration> DRAIN_MS = Key.duration("DRAIN_MS", Duration.ZERO, Duration.ofMinutes(10))
            .byDefault(Duration.ofSeconds(5));
    private static final Key<String> SEAT = Key.string("SEAT");

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "  \n "})
    void takesABlankValueAsUnset(String blank) {
        ConfigReader reader = new ConfigReader(Map.of("PORT", blank, "SEAT", blank));

        assertThat(reader.get(PORT)).isEqualTo(8080);
        assertThat(reader.get(SEAT)).isNull();
        assertThat(reader.isSet(PORT)).isFalse();
        assertThat(reader.raw(PORT)).isNull();
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void usesTheDefaultOfAnUnsetKeyAndNullWhenThereIsNone() {
        ConfigReader reader = new ConfigReader(Map.of());

        assertThat(reader.get(PORT)).isEqualTo(8080);
        assertThat(reader.get(DRAIN_MS)).isEqualTo(Duration.ofSeconds(5));
        assertThat(reader.get(SEAT)).isNull();
        reader.throwIfProblems();
    }

    @Test
    void trimsWhatItReads() {
        ConfigReader reader = new ConfigReader(Map.of("PORT", " 9090 ", "SEAT", "  seat-1\n"));

        assertThat(reader.get(PORT)).isEqualTo(9090);
        assertThat(reader.get(SEAT)).isEqualTo("seat-1");
        assertThat(reader.raw(SEAT)).isEqualTo("seat-1");
    }

    @Test
    void reportsEveryProblemAtOnceEachNamingTheVariableAndTheValue() {
        ConfigReader reader = new ConfigReader(Map.of("PORT", "abc", "ENABLED", "maybe", "DRAIN_MS", "soon",
                "MAX_BODY_BYTES", "12"));

        assertThat(reader.get(PORT)).as("the default stands in for a bad value").isEqualTo(8080);
        reader.get(ENABLED);
        reader.get(DRAIN_MS);
        reader.get(MAX_BODY_BYTES);

        assertThatThrownBy(reader::throwIfProblems).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).containsExactly(
                    "PORT=abc: not a whole number",
                    "ENABLED=maybe: must be true or false",
                    "DRAIN_MS=soon: not a whole number",
                    "MAX_BODY_BYTES=12: must be between 1024 and 67108864");
            assertThat(e).hasMessage(String.join("; ", e.problems()));
        });
    }

    @Test
    void reportsABadValueOnceHoweverOftenItIsRead() {
        ConfigReader reader = new ConfigReader(Map.of("PORT", "abc"));

        reader.get(PORT);
        reader.get(PORT);

        assertThat(reader.problems()).containsExactly("PORT=abc: not a whole number");
    }

    @Test
    void addsChecksAcrossKeysToTheSameList() {
        Map<String, String> env = new HashMap<>(Map.of("MAX_BODY_BYTES", "4096", "MAX_INFLATED_BODY_BYTES", "2048",
                "PORT", "-1"));
        ConfigReader reader = new ConfigReader(env);

        reader.get(PORT);
        long body = reader.get(MAX_BODY_BYTES);
        long inflated = reader.get(MAX_INFLATED_BODY_BYTES);
        if (reader.valid(MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES) && inflated < body) {
            reader.problem(MAX_INFLATED_BODY_BYTES, inflated, "must be at least MAX_BODY_BYTES (" + body + ")");
        }
        reader.problem("TLS needs a certificate and a key");

        assertThat(reader.problems()).containsExactly(
                "PORT=-1: must be between 0 and 65535",
                "MAX_INFLATED_BODY_BYTES=2048: must be at least MAX_BODY_BYTES (4096)",
                "TLS needs a certificate and a key");
        assertThat(reader.valid(MAX_BODY_BYTES)).isTrue();
        assertThat(reader.valid(MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES)).isFalse();
        assertThat(reader.valid(PORT)).isFalse();
    }

    @Test
    void namesTheEffectiveValueInAProblemFoundAcrossKeys() {
        ConfigReader reader = new ConfigReader(Map.of("MAX_BODY_BYTES", "2_097_152"));

        reader.problem(MAX_INFLATED_BODY_BYTES, reader.get(MAX_INFLATED_BODY_BYTES),
                "must be at least MAX_BODY_BYTES (" + reader.get(MAX_BODY_BYTES) + ")");

        assertThat(reader.problems())
                .containsExactly("MAX_INFLATED_BODY_BYTES=1048576: must be at least MAX_BODY_BYTES (2097152)");
    }

    @Test
    void throwsNothingWithoutProblems() {
        ConfigReader reader = new ConfigReader(Map.of("PORT", "1_000"));

        assertThat(reader.get(PORT)).isEqualTo(1000);
        reader.throwIfProblems();
        assertThat(reader.problems()).isEmpty();
    }
}
