package org.fargatedsp.deploy.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.deploy.config.ConfigKeys;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command shares: where configuration comes from, and how results are written. */
public final class CommonOptions {
    /** The options that set a configuration key, and picocli's defaults for them, taken from the keys. */
    static final OptionKeys KEYS = OptionKeys.none().option("--image", ConfigKeys.IMAGE)
            .option("--version", ConfigKeys.VERSION).option("--env", ConfigKeys.ENV);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Environment file (Java properties, KEY=value), e.g. deploy-tool/environments/staging.properties."
                    + " Also DEPLOY_CONFIG.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Sets any configuration key; wins over the file and DEPLOY_KEY variables. Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--image", paramLabel = "IMAGE", description = "The bidder image (key IMAGE).")
    String image;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version, the image tag (key VERSION).")
    String version;

    @Option(names = "--env", paramLabel = "ENV", description = "The environment name (key ENV).")
    String env;

    @Option(names = "--json", description = "Write a machine-readable summary to stdout instead of a sentence.")
    boolean json;

    /**
     * Flags as configuration keys: {@code --set}, and the options typed (not the defaults picocli filled in, which
     * would hide the file's and the environment's values).
     */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>(set);
        flags.putAll(KEYS.given(command.commandLine().getParseResult()));
        return flags;
    }
}
