package org.fargatedsp.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.fargatedsp.config.ConfigException;

/**
 * Merges the configuration layers, later ones winning: the environment file, then the process environment
 * ({@code DEPLOY_KEY}, plus {@code AWS_REGION}, {@code DD_API_KEY}, {@code DD_APP_KEY}), then flags.
 */
public final class ConfigSources {
    /** The prefix that marks a process environment variable as a deploy tool key. */
    public static final String ENV_PREFIX = "DEPLOY_";

    private ConfigSources() {
    }

    /**
     * Merges the layers.
     *
     * @param file the environment file (Java properties, {@code KEY=value}), or null for none
     * @param environment the process environment
     * @param flags keys given on the command line
     */
    public static Map<String, String> merge(Path file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>();
        String region = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        putIfSet(merged, ConfigKeys.REGION.name(), region);
        if (file != null) {
            merged.putAll(readFile(file));
        }
        putIfSet(merged, ConfigKeys.DATADOG_API_KEY.name(), environment.get("DD_API_KEY"));
        putIfSet(merged, ConfigKeys.DATADOG_APP_KEY.name(), environment.getOrDefault("DD_APP_KEY",
                environment.get("DD_APPLICATION_KEY")));
        environment.forEach((key, value) -> {
            if (key.startsWith(ENV_PREFIX) && key.length() > ENV_PREFIX.length()) {
                merged.put(key.substring(ENV_PREFIX.length()), value);
            }
        });
        merged.putAll(flags);
        return merged;
    }

    private static void putIfSet(Map<String, String> target, String key, String value) {
        if (value != null && !value.isBlank()) {
            target.put(key, value);
        }
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("environment file " + file + " does not exist"));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(List.of("environment file " + file + " cannot be read: " + e.getMessage()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        if (values.containsKey(ConfigKeys.DATADOG_API_KEY.name())
                || values.containsKey(ConfigKeys.DATADOG_APP_KEY.name())) {
            throw new ConfigException(List.of("environment file " + file
                    + " holds a Datadog key: pass keys as DD_API_KEY / DD_APP_KEY from Jenkins credentials instead"));
        }
        return values;
    }
}
