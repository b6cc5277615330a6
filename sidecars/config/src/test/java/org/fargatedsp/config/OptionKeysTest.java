package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class OptionKeysTest {
    private static final Key<Double> RATE = Key.positiveDecimal("RATE").byDefault(1000.0).doc("Requests a second.");
    private static final Key<Boolean> FAIL_ON_ERRORS = Key.bool("FAIL_ON_ERRORS").byDefault(false).doc("Fail.");
    private static final Key<Boolean> PROGRESS = Key.bool("PROGRESS").byDefault(true).doc("Progress lines.");
    private static final Key<String> CORPUS = Key.string("CORPUS").doc("Corpus.");
    private static final OptionKeys OPTIONS = OptionKeys.none().option("--rate", RATE)
            .option("--fail-on-errors", FAIL_ON_ERRORS).negated("--quiet", PROGRESS).option("--corpus", CORPUS);

    @Command(name = "load")
    static final class Load {
        @Option(names = {"-r", "--rate"}, paramLabel = "PER_S", description = "Requests a second (default ${DEFAULT-VALUE}).")
        String rate;

        @Option(names = "--fail-on-errors", description = "Exit 1 on errors (default ${DEFAULT-VALUE}).")
        boolean failOnErrors;

        @Option(names = "--quiet", description = "No progress.")
        boolean quiet;

        @Option(names = "--corpus", description = "Corpus.")
        String corpus;

        @Option(names = "--label", defaultValue = "here", description = "Label (default ${DEFAULT-VALUE}).")
        String label;
    }

    private static CommandLine commandLine(Load load) {
        return new CommandLine(load).setDefaultValueProvider(OPTIONS);
    }

    @Test
    void givesEachOptionTheDefaultOfItsKey() {
        Load load = new Load();

        commandLine(load).parseArgs();

        assertThat(load.rate).isEqualTo("1000");
        assertThat(load.failOnErrors).isFalse();
        assertThat(load.quiet).isFalse();
        assertThat(load.corpus).isNull();
        assertThat(load.label).as("an option tied to no key keeps its own default").isEqualTo("here");
    }

    @Test
    void showsTheKeysDefaultsInTheHelp() {
        String help = commandLine(new Load()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help).contains("Requests a second (default 1000).", "Exit 1 on errors (default false).",
                "Label (default here).");
    }

    @Test
    void givesBackOnlyTheOptionsTypedAsKeyValues() {
        CommandLine line = commandLine(new Load());

        assertThat(OPTIONS.given(line.parseArgs())).isEmpty();
        assertThat(OPTIONS.given(line.parseArgs("-r", "5", "--label", "x", "--fail-on-errors")))
                .isEqualTo(Map.of("RATE", "5", "FAIL_ON_ERRORS", "true"));
    }

    @Test
    void setsTheKeyOfANegatedFlagToFalse() {
        CommandLine line = commandLine(new Load());

        assertThat(OPTIONS.given(line.parseArgs("--quiet"))).isEqualTo(Map.of("PROGRESS", "false"));
        assertThat(OPTIONS.isNegated("--quiet")).isTrue();
        assertThat(OPTIONS.isNegated("--rate")).isFalse();
    }

    @Test
    void laysTheOptionsTypedOverTheEnvironment() {
        CommandLine line = commandLine(new Load());
        Map<String, String> env = Map.of("RATE", "200", "CORPUS", "/corpus", "OTHER", "x");

        assertThat(OPTIONS.laidOver(env, line.parseArgs("--rate", "5", "--quiet")))
                .isEqualTo(Map.of("RATE", "5", "CORPUS", "/corpus", "OTHER", "x", "PROGRESS", "false"));
        assertThat(OPTIONS.laidOver(env, line.parseArgs())).as("no flag: the environment as it is").isEqualTo(env);
    }

    @Test
    void findsTheOptionOfAKey() {
        assertThat(OPTIONS.optionFor(RATE)).isEqualTo("--rate");
        assertThat(OPTIONS.optionFor(PROGRESS)).isEqualTo("--quiet");
        assertThat(OPTIONS.optionFor(Key.string("OTHER"))).isNull();
    }

    @Test
    void refusesToTieOneOptionTwice() {
        assertThatThrownBy(() -> OPTIONS.option("--rate", CORPUS)).hasMessageContaining("--rate");
    }
}
