package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the bidder process: configuration from the environment, then run until SIGTERM. Exits 2 on
 * bad configuration or campaigns, with every problem logged.
 */
public final class BidderMain {
    private static final Logger LOG = LoggerFactory.getLogger(BidderMain.class);

    private BidderMain() {}

    /**
     * Netty's buffer-leak detector, set before any Netty class reads it. At its default ("simple") it records a
     * stack trace for one buffer in 128, a few percent of the bid path's CPU; the bidder's own tests run with it
     * at "paranoid" instead. A -Dio.netty.leakDetection.level on the command line wins.
     */
    static void applyLeakDetection(ResourceLeakDetector.Level level) {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            System.setProperty("io.netty.leakDetection.level", level.name().toLowerCase(Locale.ROOT));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnv(System.getenv());
        } catch (ConfigException e) {
            LOG.error("invalid configuration", kv("problems", e.problems()));
            flushLogs();
            System.exit(2);
            return;
        }
        applyLeakDetection(config.nettyLeakDetection());
        Bidder bidder = new Bidder(config);
        // ECS stops a task with SIGTERM and, after the task's stop timeout, SIGKILL: drain and stop in between.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bidder.shutdown();
            flushLogs();
        }, "shutdown"));
        try {
            int port = bidder.start();
            writePortFile(config.portFile(), port);
            // Event-loop threads are daemons: the main thread keeps the process alive until shutdown.
            bidder.awaitStopped();
        } catch (CampaignFileException e) {
            LOG.error("cannot load campaigns", kv("problems", e.problems()));
            bidder.stopNow();
            System.exit(2);
        } catch (RuntimeException e) {
            LOG.error("cannot start", e);
            bidder.stopNow();
            System.exit(2);
        }
    }

    /** Stops logging, which drains its asynchronous queue, so that the last lines reach stdout before exit. */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    /** Writes the bound port for scripts that start the bidder on port 0; renamed into place atomically. */
    private static void writePortFile(Path portFile, int port) {
        if (portFile == null) {
            return;
        }
        try {
            Path parent = portFile.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, ".port", ".tmp");
            Files.writeString(tmp, Integer.toString(port), StandardCharsets.US_ASCII);
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("cannot write PORT_FILE", kv("path", portFile.toString()), e);
        }
    }
}
