package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDeclarationTest {
    enum Level { DISABLED, PARANOID }

    @Test
    void refusesAWholeNumberWhoseNameCarriesAUnit() {
        assertThatThrownBy(() -> Key.integer("DRAIN_MS", 0, 10)).hasMessageContaining("Key.duration");
        assertThatThrownBy(() -> Key.longInteger("DURATION_S", 0, 10)).hasMessageContaining("Key.duration");
        assertThatThrownBy(() -> Key.integer("MAX_BODY_BYTES", 0, 10)).hasMessageContaining("Key.bytes");
    }

    @Test
    void needsTheUnitInTheNameOfDurationsAndByteCounts() {
        assertThatThrownBy(() -> Key.duration("DRAIN", Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("ends in _MS or _S");
        assertThatThrownBy(() -> Key.bytes("MAX_BODY", 0, 10)).hasMessageContaining("ends in _BYTES");
    }

    @Test
    void refusesANameThatIsNotAnUpperCaseVariable() {
        assertThatThrownBy(() -> Key.string("port")).hasMessageContaining("not an upper-case name");
        assertThatThrownBy(() -> Key.string("MAX__BODY")).hasMessageContaining("not an upper-case name");
        assertThatThrownBy(() -> Key.string("_PORT")).hasMessageContaining("not an upper-case name");
    }

    @Test
    void refusesADefaultThatIsNotAValidValueOfItsKey() {
        assertThatThrownBy(() -> Key.integer("PORT", 0, 65_535).byDefault(70_000))
                .hasMessage("PORT's default 70000: must be between 0 and 65535");
        assertThatThrownBy(() -> Key.string("CURRENCY", "[A-Z]{3}", "must be an ISO-4217 code").byDefault("usd"))
                .hasMessage("CURRENCY's default usd: must be an ISO-4217 code");
    }

    @Test
    void writesEachDefaultTheWayAValueOfItsKeyIsWritten() {
        assertThat(Key.duration("IDLE_TIMEOUT_MS", Duration.ZERO, Duration.ofHours(1))
                .byDefault(Duration.ofSeconds(75)).defaultText()).isEqualTo("75000");
        assertThat(Key.duration("WARMUP_S", Duration.ZERO, Duration.ofHours(1))
                .byDefault(Duration.ofSeconds(5)).defaultText()).isEqualTo("5");
        assertThat(Key.decimal("MAX_P99_RATIO", 1, 100).byDefault(1.2).defaultText()).isEqualTo("1.2");
        assertThat(Key.positiveDecimal("RATE").byDefault(1000.0).defaultText()).isEqualTo("1000");
        assertThat(Key.decimal("MAX_RATE", 0, 1).byDefault(0.005).defaultText()).isEqualTo("0.005");
        assertThat(Key.choice("LEVEL", Level.class).byDefault(Level.DISABLED).defaultText()).isEqualTo("disabled");
        assertThat(Key.bool("ENABLED").byDefault(true).defaultText()).isEqualTo("true");
        assertThat(Key.path("DIR").byDefault(Path.of("./logs/bids")).defaultText()).isEqualTo("./logs/bids");
        assertThat(Key.uri("URL").byDefault(URI.create("http://127.0.0.1:8080/x")).defaultText())
                .isEqualTo("http://127.0.0.1:8080/x");
        assertThat(Key.list("SUBNETS").byDefault(List.of("a", "b")).defaultText()).isEqualTo("a,b");
        assertThat(Key.bytes("MAX_FILE_BYTES", 0, Long.MAX_VALUE).byDefault(64L << 20).defaultText())
                .isEqualTo("67108864");
    }

    @Test
    void keepsEachPartOfTheDeclarationWhenAnotherIsAdded() {
        Key<Integer> key = Key.integer("IO_THREADS", 0, 1024).byDefault(0).documentedDefault("number of CPUs")
                .doc("Event-loop threads.");

        assertThat(key.name()).isEqualTo("IO_THREADS");
        assertThat(key.defaultValue()).isZero();
        assertThat(key.documentedDefault()).isEqualTo("number of CPUs");
        assertThat(key.doc()).isEqualTo("Event-loop threads.");
        assertThat(key).hasToString("IO_THREADS");
        assertThat(Key.string("SEAT").defaultText()).isNull();
    }
}
