package org.fargatedsp.bidder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvValuesTest {

    @Test
    void treatsBlankAsAbsent() {
        List<String> errors = new ArrayList<>();

        assertThat(EnvValues.string(Map.of("K", "  "), "K", "d")).isEqualTo("d");
        assertThat(EnvValues.longInRange(Map.of("K", ""), "K", 7, 0, 10, errors)).isEqualTo(7);
        assertThat(EnvValues.bool(Map.of("K", " "), "K", true, errors)).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void acceptsTheBoundsOfTheRange() {
        List<String> errors = new ArrayList<>();

        assertThat(EnvValues.longInRange(Map.of("K", "0"), "K", 5, 0, 10, errors)).isZero();
        assertThat(EnvValues.longInRange(Map.of("K", "10"), "K", 5, 0, 10, errors)).isEqualTo(10);
        assertThat(EnvValues.longInRange(Map.of("K", "11"), "K", 5, 0, 10, errors)).isEqualTo(5);
        assertThat(errors).containsExactly("K=11 is out of range [0, 10]");
    }
}
