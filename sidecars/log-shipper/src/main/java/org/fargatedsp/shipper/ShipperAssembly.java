package org.fargatedsp.shipper;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.fargatedsp.shipper.channel.Channel;
import org.fargatedsp.shipper.channel.CheckpointStore;
import org.fargatedsp.shipper.sink.AwsClients;
import org.fargatedsp.shipper.sink.DirectorySink;
import org.fargatedsp.shipper.sink.FirehoseSink;
import org.fargatedsp.shipper.sink.S3Sink;
import org.fargatedsp.shipper.sink.SinkCounters;
import org.fargatedsp.shipper.sink.ObjectLayout;
import org.fargatedsp.shipper.sink.RetryingSink;
import org.fargatedsp.shipper.sink.Sink;
import org.fargatedsp.shipper.sink.StdoutSink;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.fargatedsp.shipper.source.LineCheck;
import org.fargatedsp.shipper.source.LogDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

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
    private final List<AutoCloseable> clients = new ArrayList<>();

    public ShipperAssembly(ShipperConfig config, MeterRegistry meters, LongSupplier clockMs) throws IOException {
        this(config, System.getenv(), meters, clockMs);
    }

    /** @param env where the AWS sinks read region, credentials and {@code AWS_ENDPOINT_URL} */
    public ShipperAssembly(ShipperConfig config, Map<String, String> env, MeterRegistry meters, LongSupplier clockMs)
            throws IOException {
        this.config = config;
        this.clockMs = clockMs;
        Files.createDirectories(config.bidLogDir());
        Path state = Files.createDirectories(config.stateDir());
        CheckpointStore checkpoints = new CheckpointStore(state.resolve("checkpoints"));
        this.deadLetters = new DeadLetterFile(state.resolve("dead-letters.jsonl"), config.deadLetterMaxBytes(), meters);
        this.sink = sink(config, env, meters, clients);
        Channel.Settings settings = new Channel.Settings(config.maxBatchBytes(), config.maxBatchAgeMs(),
                config.batchesInFlight(), config.pollIntervalMs(), config.doneAction(), state.resolve("done"));
        this.channel = new Channel(new LogDirectory(config.bidLogDir()), checkpoints, deadLetters, sink,
                LineCheck.scan(), settings, clockMs, meters);
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
        closeClients();
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
        closeClients();
    }

    private static Sink sink(ShipperConfig config, Map<String, String> env, MeterRegistry meters,
            List<AutoCloseable> clients) throws IOException {
        RetryingSink sink = switch (config.sink()) {
            case STDOUT -> new StdoutSink(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
            case DIR -> new DirectorySink(config.outputDir(), new ObjectLayout(config.prefix()),
                    config.batchesInFlight());
            case S3 -> {
                S3Client s3 = AwsClients.s3(AwsClients.Settings.fromEnvironment(env));
                clients.add(s3);
                yield new S3Sink(s3, S3Sink.Settings.of(config.bucket(), config.prefix()));
            }
            case FIREHOSE -> {
                FirehoseClient firehose = AwsClients.firehose(AwsClients.Settings.fromEnvironment(env));
                clients.add(firehose);
                yield new FirehoseSink(firehose, FirehoseSink.Settings.of(config.firehoseStream()));
            }
        };
        meter(sink.counters(), config.sink().name().toLowerCase(java.util.Locale.ROOT), meters);
        return sink;
    }

    /** The SDK clients, after the sink that used them. */
    private void closeClients() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.warn("closing an AWS client: {}", e.toString());
            }
        }
        clients.clear();
    }

    /** The sink's own counts as meters: calls, retries, throttled calls, failed Firehose entries, bytes sent. */
    private static void meter(SinkCounters counts, String name, MeterRegistry meters) {
        FunctionCounter.builder("dsp.shipper.sink.calls", counts, SinkCounters::calls).tag("sink", name)
                .description("calls to the sink's destination (a service call, an object written), retries included").register(meters);
        FunctionCounter.builder("dsp.shipper.sink.retries", counts, SinkCounters::retries).tag("sink", name)
                .description("calls sent again after a transient fault").register(meters);
        FunctionCounter.builder("dsp.shipper.sink.throttled", counts, SinkCounters::throttled).tag("sink", name)
                .description("calls the service throttled").register(meters);
        FunctionCounter.builder("dsp.shipper.sink.failed_entries", counts, SinkCounters::failedEntries)
                .tag("sink", name).description("Firehose entries that came back with an ErrorCode, sent again")
                .register(meters);
        FunctionCounter.builder("dsp.shipper.sink.sent", counts, SinkCounters::sentBytes).tag("sink", name)
                .baseUnit("bytes").description("bytes the destination acknowledged: gzip bytes of objects, Firehose record data, stdout lines")
                .register(meters);
    }
}
