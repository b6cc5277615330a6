package org.fargatedsp.loadtest.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.config.Key;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.loadtest.scenario.CapacityConfig;
import org.fargatedsp.loadtest.scenario.VerdictCommand;
import org.fargatedsp.loadtest.stalls.StallsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration tables of docs/loadtest.md, printed from the keys: the generator's and the scenario commands'
 * (with the flag that sets each key, taken from the commands' options) and the baseline server's. {@code main}
 * rewrites them in place ({@code java -cp loadtest/target/loadtest.jar org.fargatedsp.loadtest.generate.ConfigDocs
 * [repository root]}); a test fails when the document differs from them.
 */
public final class ConfigDocs {
    private static final String DOCUMENT = "docs/loadtest.md";
    private static final CommandSpec LOADTEST = commandSpec();

    /** The generator's table: flag, variable, default, meaning. */
    public static final DocsTable GENERATOR = DocsTable.of(Config.KEYS)
            .columnBefore("flag", key -> flag(LOADTEST, LoadTestMain.OPTIONS, key, ""))
            .in(DOCUMENT, "loadtest");

    /** The variables of the scenario script that the scenario commands read, each with the flag over it. */
    public static final DocsTable SCENARIO = DocsTable.of(scenarioKeys())
            .columnBefore("flag", ConfigDocs::subcommandFlag)
            .in(DOCUMENT, "scenario");

    /** The baseline server's table. */
    public static final DocsTable BASELINE = DocsTable.of(org.fargatedsp.loadtest.baseline.Config.KEYS)
            .in(DOCUMENT, "baseline");

    /** Every table, in the order of the document. */
    public static final List<DocsTable> TABLES = List.of(GENERATOR, SCENARIO, BASELINE);

    private ConfigDocs() {}

    private static CommandSpec commandSpec() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new CommandLine(new LoadTestMain(Map.of(), none, none)).getCommandSpec();
    }

    private static List<Key<?>> scenarioKeys() {
        List<Key<?>> keys = new ArrayList<>(CapacityConfig.KEYS);
        keys.add(VerdictCommand.MIN_RATIO);
        keys.add(StallsCommand.STALL_S);
        return keys;
    }

    /** The flag of a subcommand that sets {@code key}, with the subcommand's name: {@code capacity --step N}. */
    private static String subcommandFlag(Key<?> key) {
        for (Map.Entry<String, OptionKeys> subcommand : LoadTestMain.SUBCOMMAND_OPTIONS.entrySet()) {
            if (subcommand.getValue().optionFor(key) != null) {
                CommandSpec spec = LOADTEST.subcommands().get(subcommand.getKey()).getCommandSpec();
                return flag(spec, subcommand.getValue(), key, subcommand.getKey() + " ");
            }
        }
        throw new IllegalStateException(key + " has no flag");
    }

    private static String flag(CommandSpec spec, OptionKeys options, Key<?> key, String prefix) {
        String name = options.optionFor(key);
        if (name == null) {
            throw new IllegalStateException(key + " has no flag");
        }
        if (options.isNegated(name)) {
            return "`" + prefix + name + "` (sets `false`)";
        }
        OptionSpec option = spec.findOption(name);
        return "`" + prefix + name + (option.arity().max() > 0 ? " " + option.paramLabel() : "") + "`";
    }

    public static void main(String[] args) throws IOException {
        DocsTable.rewriteUnder(Path.of(args.length > 0 ? args[0] : ""), TABLES).forEach(System.out::println);
    }
}
