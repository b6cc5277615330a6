package org.fargatedsp.loadtest.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of the baseline server, read from the same environment variables the bidder reads, so
 * the scripts start both the same way.
 *
 * @param port       {@code PORT}: TCP port on all interfaces, 0 for any free one
 * @param portFile   {@code PORT_FILE}: where the bound port is written once listening, or null
 * @param ioThreads  {@code IO_THREADS}: event-loop threads, by default one per available core
 */
public record Config(int port, Path portFile, int ioThreads) {
    /** Validates every key and builds the config, or throws listing every bad one. */
    public static Config fromEnv(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        int port = number(env, "PORT", 8080, 0, 65_535, errors);
        String portFile = env.getOrDefault("PORT_FILE", "").trim();
        int threads = number(env, "IO_THREADS", Runtime.getRuntime().availableProcessors(), 1, 1024, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new Config(port, portFile.isEmpty() ? null : Path.of(portFile), threads);
    }

    private static int number(Map<String, String> env, String key, int defaultValue, int min, int max,
            List<String> errors) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        errors.add(key + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        return defaultValue;
    }
}
