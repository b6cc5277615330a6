package org.fargatedsp.shipper;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.fargatedsp.shipper.channel.Channel;
import org.fargatedsp.shipper.channel.CheckpointStore;
import org.fargatedsp.shipper.sink.DirectorySink;
import org.fargatedsp.shipper.sink.ObjectLayout;
import org.fargatedsp.shipper.sink.Sink;
import org.fargatedsp.shipper.sink.StdoutSink;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.fargatedsp.shipper.source.LineCheck;
import org.fargatedsp.shipper.source.LogDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the shipper from its configuration: the bid-log directory as the source, the checkpoints and the
 * dead-letter file in the state directory, the sink, and the channel that runs them. Used by {@link ShipperMain}
 * and by the tests, which run it in-process or as a separate JVM.
 */
public final class ShipperAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShipperAssembly.class);
    /** The share of {@code SHIPPER_STOP_TIMEOUT_MS} spent shipping after SIGTERM; the rest waits for the batches in flight. */
    static final int READ_SHARE_PERCENT = 80;

    private final ShipperConfig config;
    private final LongSupplier clockMs;
    private final DeadLetterFile deadLetters;
    private final Sink sink;
    private final Channel channel;

    public ShipperAssembly(ShipperConfig config, MeterRegistry meters, LongSupplier clockMs) throws IOException {
        this.config = config;
        this.clockMs = clockMs;
        Files.createDirectories(config.bidLogDir());
        Path state = Files.createDirectories(config.stateDir());
        CheckpointStore checkpoints = new CheckpointStore(state.resolve("checkpoints"));
        this.deadLetters = new DeadLetterFile(state.resolve("dead-letters.jsonl"), config.deadLetterMaxBytes(), meters);
        this.sink = sink(config, meters);
        Channel.Settings settings = new Channel.Settings(config.maxBatchBytes(), config.maxBatchAgeMs(),
                config.batchesInFlight(), config.pollIntervalMs(), config.doneAction(), state.resolve("done"));
        this.channel = new Channel(new LogDirectory(config.bidLogDir()), checkpoints, deadLetters, sink,
                LineCheck.fullDecode(), settings, clockMs, meters);
    }

    /**
     * Starts shipping.
     *
     * @throws org.fargatedsp.shipper.channel.CorruptCheckpointException when a checkpoint cannot be trusted
     */
    public void start() throws IOException {
        channel.start();
        LOG.info("shipping {} to {}", config.bidLogDir(), config.sink().name().toLowerCase());
    }

    /**
     * SIGTERM: ships what waits and what a stopped bidder leaves for most of {@code SHIPPER_STOP_TIMEOUT_MS}, then
     * lets the batches in flight finish in the rest, and closes. Returns whether everything read was acknowledged.
     */
    public boolean shutdown() throws InterruptedException, IOException {
        long start = clockMs.getAsLong();
        channel.drain(config.stopTimeoutMs() * READ_SHARE_PERCENT / 100);
        boolean drained = channel.awaitStopped(config.stopTimeoutMs() - (clockMs.getAsLong() - start));
        deadLetters.close();
        LOG.info("stopped in {} ms{}", clockMs.getAsLong() - start,
                drained ? "" : "; batches still in flight are shipped again at the next start");
        return drained;
    }

    /** Whether the shipper stopped by itself (a fault no retry fixes); {@link #failure()} says why. */
    public boolean hasStopped() {
        return channel.isStopped();
    }

    public Throwable failure() {
        return channel.failure();
    }

    @Override
    public void close() throws IOException {
        channel.stop();
        try {
            channel.awaitStopped(config.stopTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
    }

    private static Sink sink(ShipperConfig config, MeterRegistry meters) throws IOException {
        return switch (config.sink()) {
            case STDOUT -> new StdoutSink(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                    1 << 16), meters);
            case DIR -> new DirectorySink(config.outputDir(), new ObjectLayout(config.prefix()),
                    config.batchesInFlight(), meters);
        };
    }
}
