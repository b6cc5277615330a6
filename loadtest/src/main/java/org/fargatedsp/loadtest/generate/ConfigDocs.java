package org.fargatedsp.loadtest.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.config.Key;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The two configuration tables of docs/loadtest.md, printed from the keys: the generator's (with the flag that
 * sets each key, taken from {@link LoadTestMain}'s options) and the baseline server's. {@code main} rewrites them
 * in place ({@code java -cp loadtest/target/loadtest.jar org.fargatedsp.loadtest.generate.ConfigDocs
 * [docs/loadtest.md]}); a test fails when the document differs from them.
 */
public final class ConfigDocs {
    /** The id of the generator's table markers: {@code <!-- config-table:loadtest -->}. */
    public static final String GENERATOR_TABLE_ID = "loadtest";
    /** The id of the baseline server's table markers: {@code <!-- config-table:baseline -->}. */
    public static final String BASELINE_TABLE_ID = "baseline";

    private ConfigDocs() {}

    /** The generator's table: flag, variable, default, meaning. */
    public static String generatorTable() {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        CommandSpec spec = new CommandLine(new LoadTestMain(Map.of(), none, none)).getCommandSpec();
        return DocsTable.of(Config.KEYS).columnBefore("flag", key -> flag(spec, key)).markdown();
    }

    /** The baseline server's table. */
    public static String baselineTable() {
        return DocsTable.of(org.fargatedsp.loadtest.baseline.Config.KEYS).markdown();
    }

    private static String flag(CommandSpec spec, Key<?> key) {
        String name = LoadTestMain.OPTIONS.optionFor(key);
        if (name == null) {
            throw new IllegalStateException(key + " has no flag");
        }
        if (LoadTestMain.OPTIONS.isNegated(name)) {
            return "`" + name + "` (sets `false`)";
        }
        OptionSpec option = spec.findOption(name);
        return "`" + name + (option.arity().max() > 0 ? " " + option.paramLabel() : "") + "`";
    }

    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/loadtest.md");
        boolean changed = DocsTable.rewrite(doc, GENERATOR_TABLE_ID, generatorTable());
        changed |= DocsTable.rewrite(doc, BASELINE_TABLE_ID, baselineTable());
        System.out.println(doc + (changed ? ": configuration tables rewritten" : ": configuration tables up to date"));
    }
}
