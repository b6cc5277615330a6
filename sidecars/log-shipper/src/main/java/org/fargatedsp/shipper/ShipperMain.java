package org.fargatedsp.shipper;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.metrics.TaskMeters;
import org.fargatedsp.shipper.channel.CorruptCheckpointException;

/**
 * The log shipper's entry point: reads the configuration (exit 2 on any problem, each named), starts shipping
 * (exit 3 on a corrupt checkpoint), and on SIGTERM drains within {@code SHIPPER_STOP_TIMEOUT_MS}: exit 0 once
 * everything read was acknowledged, 143 (the JVM's own status on SIGTERM) when batches were still in flight at the
 * timeout. A fault no retry fixes exits 1.
 */
public final class ShipperMain {
    private ShipperMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        ShipperConfig config;
        try {
            config = ShipperConfig.fromEnv(env);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (config.sink() == ShipperConfig.SinkKind.STDOUT) {
            // The records go to stdout; logback.xml sends the log to stderr then, before the first logger exists.
            System.setProperty("SHIPPER_LOG_TARGET", "System.err");
        }
        // Datadog, tagged with the ECS task, as the bidder's meters are; without DD_API_KEY they record nothing.
        TaskMeters meters = TaskMeters.start(config.metrics(), env);
        ShipperAssembly shipper = new ShipperAssembly(config, meters.registry(), System::currentTimeMillis);
        try {
            shipper.start();
        } catch (CorruptCheckpointException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            boolean drained = false;
            try {
                drained = shipper.shutdown();
                // After the drain, so that the last step holds what it shipped.
                meters.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
            if (drained) {
                // A clean stop is a success to ECS and to scripts, not the 143 the JVM gives a SIGTERM.
                Runtime.getRuntime().halt(0);
            }
        }, "shipper-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Until SIGTERM, or a fault no retry fixes, which ends the reading thread.
        while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
            if (shipper.hasStopped() && shipper.failure() != null) {
                System.exit(1);
            }
        }
    }
}
