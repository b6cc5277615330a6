package org.fargatedsp.loadtest.baseline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * Settings of the baseline server, read from the same environment variables the bidder reads, so
 * the scripts start both the same way.
 *
 * @param port       {@code PORT}: TCP port on all interfaces, 0 for any free one
 * @param portFile   {@code PORT_FILE}: where the bound port is written once listening, or null
 * @param ioThreads  {@code IO_THREADS}: event-loop threads, by default one per available core
 */
public record Config(int port, Path portFile, int ioThreads) {
    public static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535).byDefault(8080)
            .doc("TCP port; `0` for any free one");
    public static final Key<Path> PORT_FILE = Key.path("PORT_FILE")
            .doc("the bound port is written here, atomically, once listening");
    public static final Key<Integer> IO_THREADS = Key.integer("IO_THREADS", 1, 1024)
            .byDefault(Math.min(Runtime.getRuntime().availableProcessors(), 1024)).documentedDefault("available cores")
            .doc("event-loop threads (epoll when available, else NIO)");

    /** Every key, in the order of the documentation's table. */
    public static final List<Key<?>> KEYS = List.of(PORT, PORT_FILE, IO_THREADS);

    /** Validates every key and builds the config, or throws a {@link ConfigException} listing every bad one. */
    public static Config fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        Config config = new Config(r.get(PORT), r.get(PORT_FILE), r.get(IO_THREADS));
        r.throwIfProblems();
        return config;
    }
}
