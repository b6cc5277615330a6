package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret keys: their values stay out of every problem, and they have no default to leak either. */
class SecretKeysTest {
    private static final Key<byte[]> SIGNING_KEY = Key.of("SIGNING_KEY", SecretKeysTest::key,
            v -> new String(v, StandardCharsets.US_ASCII)).secret()
            .doc("A signing key.");

    @Test
    void namesABadSecretByItsLengthNeverItsValue() {
        String problem = Read.problem(SIGNING_KEY, "hunter2-is-my-key");

        assertThat(problem).isEqualTo("SIGNING_KEY=(secret, 17 characters): must be 32 or more characters")
                .doesNotContain("hunter2");
    }

    @Test
    void keepsTheSecretOutOfAProblemFoundAcrossKeys() {
        ConfigReader reader = new ConfigReader(Map.of("SIGNING_KEY", "k".repeat(40)));
        byte[] value = reader.get(SIGNING_KEY);
        reader.problem(SIGNING_KEY, value, "is the same as the other key");

        assertThat(reader.problems())
                .containsExactly("SIGNING_KEY=(secret, 40 characters): is the same as the other key");
    }

    @Test
    void readsAGoodSecretAsAnyKeyIsRead() {
        assertThat(Read.value(SIGNING_KEY, "k".repeat(32))).hasSize(32);
        assertThat(SIGNING_KEY.isSecret()).isTrue();
        assertThat(Key.string("PLAIN").isSecret()).isFalse();
    }

    @Test
    void refusesADefaultForASecret() {
        assertThatThrownBy(() -> Key.string("TOKEN").byDefault("x").secret())
                .hasMessage("TOKEN is a secret: it cannot have a default");
        assertThatThrownBy(() -> Key.string("TOKEN").secret().byDefault("x"))
                .hasMessage("TOKEN is a secret: it cannot have a default");
    }

    private static byte[] key(String value) {
        if (value.length() < 32) {
            throw new IllegalArgumentException("must be 32 or more characters");
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
