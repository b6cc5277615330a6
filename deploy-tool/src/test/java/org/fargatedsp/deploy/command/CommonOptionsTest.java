package org.fargatedsp.deploy.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.fargatedsp.deploy.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CommonOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CommonOptions options;
    }

    private static CommonOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).setDefaultValueProvider(CommonOptions.KEYS).parseArgs(args);
        return probe.options;
    }

    @Test
    void flagsLeaveOutWhatWasNotTypedSoTheFileAndEnvironmentStand() {
        assertThat(parse().flags()).isEmpty();
        assertThat(parse("--json").flags()).isEmpty();
    }

    @Test
    void flagsHoldTheKeyedOptionsTypedOverSetValues() {
        assertThat(parse("--set", "CLUSTER=c", "--set", "IMAGE=from-set", "--image", "bidder:2", "--env", "prod")
                .flags()).containsOnly(entry("CLUSTER", "c"), entry("IMAGE", "bidder:2"), entry("ENV", "prod"));
    }

    @Test
    void tiesEachKeyedOptionToItsKey() {
        assertThat(CommonOptions.KEYS.optionFor(ConfigKeys.VERSION)).isEqualTo("--version");
        assertThat(parse("--version", "1.4.0").flags()).containsOnly(entry("VERSION", "1.4.0"));
    }
}
