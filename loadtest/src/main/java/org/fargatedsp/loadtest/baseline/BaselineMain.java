package org.fargatedsp.loadtest.baseline;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.fargatedsp.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link BaselineServer} until SIGTERM:
 * {@code java -cp loadtest.jar org.fargatedsp.loadtest.baseline.BaselineMain}, configured like the
 * bidder by {@code PORT} and {@code PORT_FILE}.
 */
public final class BaselineMain {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineMain.class);

    private BaselineMain() {}

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnv(System.getenv());
        } catch (ConfigException e) {
            LOG.error("invalid settings: {}", e.getMessage());
            System.exit(2);
            return;
        }
        BaselineServer server;
        try {
            server = BaselineServer.start(config);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start on port {}: {}", config.port(), e.toString());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            LOG.info("stopped");
            stopped.countDown();
        }, "baseline-shutdown"));
        LOG.info("listening on port {} with {} {} event loop(s)", server.port(), config.ioThreads(),
                server.transport().name().toLowerCase(Locale.ROOT));
        stopped.await();
    }
}
