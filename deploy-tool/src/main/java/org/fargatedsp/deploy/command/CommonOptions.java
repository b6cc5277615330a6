package org.fargatedsp.deploy.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where configuration comes from, and how results are written. */
public final class CommonOptions {
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

    /** Flags as configuration keys. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>(set);
        put(flags, "IMAGE", image);
        put(flags, "VERSION", version);
        put(flags, "ENV", env);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
