package org.fargatedsp.shipper.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.shipper.sink.Sink;
import org.fargatedsp.shipper.source.BatchReader;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.fargatedsp.shipper.source.LineCheck;
import org.fargatedsp.shipper.source.LogDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipper's loop, source to sink: lists the bid-log directory, reads each file from its checkpoint in batches,
 * hands each batch to the sink with at most {@code batchesInFlight} unacknowledged, and leaves acknowledgements to
 * the {@link Committer}. On {@link #drain} it goes on while files wait or a writer still holds an active file, up
 * to a deadline, then stops reading and lets the batches in flight finish.
 */
public final class Channel {
    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    /** What the loop needs to know of the configuration. */
    public record Settings(long maxBatchBytes, long maxBatchAgeMs, int batchesInFlight, long pollIntervalMs,
            DoneAction doneAction, Path doneDir) {}

    private final LogDirectory source;
    private final CheckpointStore checkpoints;
    private final DeadLetterFile deadLetters;
    private final Sink sink;
    private final LineCheck check;
    private final Settings settings;
    private final LongSupplier clockMs;
    private final Semaphore inFlight;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Committer committer;
    private final Thread reader = new Thread(this::run, "shipper-read");
    private final Counter recordsRead;
    private final Counter bytesRead;
    private final Counter recordsFailed;
    private final Counter filesVanished;
    private final Timer sinkLatency;
    private Map<String, Checkpoint> resumed;
    private volatile boolean draining;
    private volatile long readDeadlineMs = Long.MAX_VALUE;
    private volatile boolean stopReading;
    private volatile boolean aborted;
    private volatile Throwable failure;

    public Channel(LogDirectory source, CheckpointStore checkpoints, DeadLetterFile deadLetters, Sink sink,
            LineCheck check, Settings settings, LongSupplier clockMs, MeterRegistry meters) {
        this.source = source;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.sink = sink;
        this.check = check;
        this.settings = settings;
        this.clockMs = clockMs;
        this.inFlight = new Semaphore(settings.batchesInFlight());
        this.committer = new Committer(checkpoints, deadLetters, settings.doneAction(), settings.doneDir(), inFlight,
                meters);
        this.recordsRead = Counter.builder("dsp.shipper.records.read").register(meters);
        this.bytesRead = Counter.builder("dsp.shipper.bytes.read").baseUnit("bytes").register(meters);
        this.recordsFailed = Counter.builder("dsp.shipper.records.failed")
                .description("records of batches the sink gave up on: the shipper stops").register(meters);
        this.filesVanished = Counter.builder("dsp.shipper.files.vanished")
                .description("files removed by someone else before the shipper read them").register(meters);
        this.sinkLatency = Timer.builder("dsp.shipper.sink.latency")
                .description("from handing a batch to the sink to its acknowledgement").register(meters);
        TimeGauge.builder("dsp.shipper.lag", this, TimeUnit.MILLISECONDS, Channel::lagMs)
                .description("age of the oldest record read and not yet acknowledged").register(meters);
        Gauge.builder("dsp.shipper.files.waiting", this, c -> c.waiting()[0])
                .description("bid-log files not yet wholly acknowledged").register(meters);
        Gauge.builder("dsp.shipper.bytes.waiting", this, c -> c.waiting()[1]).baseUnit("bytes")
                .description("bytes of bid-log files not yet acknowledged").register(meters);
    }

    /**
     * Loads the checkpoints and starts reading.
     *
     * @throws CorruptCheckpointException when a checkpoint cannot be trusted: nothing is started
     */
    public void start() throws IOException {
        resumed = checkpoints.loadAll();
        for (Checkpoint c : List.copyOf(resumed.values())) {
            Path ready = source.dir().resolve(c.readyName());
            Path active = source.dir().resolve(c.readyName() + ".active");
            Path file = Files.exists(ready) ? ready : active;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                checkResumable(checkpoints, channel, c);
            } catch (NoSuchFileException shippedAndRemoved) {
                // The file was shipped and removed, and the shipper stopped before its checkpoint was.
                checkpoints.delete(c.readyName());
                resumed.remove(c.readyName());
            }
        }
        reader.start();
    }

    /**
     * Ships on until nothing waits and no writer holds an active file, or until {@code readForMs} has passed; then
     * reads no more. Returns at once; {@link #awaitStopped} waits for the end.
     */
    public void drain(long readForMs) {
        readDeadlineMs = clockMs.getAsLong() + readForMs;
        draining = true;
        wakeUp.release();
    }

    /**
     * Waits up to {@code timeoutMs} for reading to end and the batches in flight to be acknowledged, then closes the
     * sink (what it still holds completes exceptionally and stays unacknowledged) and ends the committer. Returns
     * whether everything in flight was acknowledged in time.
     */
    public boolean awaitStopped(long timeoutMs) throws InterruptedException {
        long end = clockMs.getAsLong() + timeoutMs;
        reader.join(Math.max(1, end - clockMs.getAsLong()));
        stopReading = true;
        reader.interrupt();
        reader.join(Math.max(1, end - clockMs.getAsLong()));
        int all = settings.batchesInFlight();
        boolean drained = !aborted
                && inFlight.tryAcquire(all, Math.max(0, end - clockMs.getAsLong()), TimeUnit.MILLISECONDS);
        if (drained) {
            inFlight.release(all);
        }
        sink.close();
        committer.finish(Math.max(1, end - clockMs.getAsLong()));
        return drained;
    }

    /** Stops at once, as a fatal sink error does: {@link #awaitStopped} then waits for nothing in flight. */
    public void stop() {
        aborted = true;
        stopReading = true;
        draining = true;
        readDeadlineMs = Long.MIN_VALUE;
        reader.interrupt();
    }

    /** Whether the reading thread has ended. */
    public boolean isStopped() {
        return !reader.isAlive();
    }

    /** The fault that stopped the shipper, or null. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            while (!stopReading) {
                if (!readingAllowed()) {
                    LOG.warn("stop timeout: reading stops with files still waiting");
                    break;
                }
                // Whether a writer holds a file is asked before the listing: a file it publishes in between is
                // then in the listing, and the drain never ends with it unshipped.
                boolean drainingNow = draining;
                boolean held = drainingNow && writerStillHoldsAFile();
                List<LogDirectory.Found> found = source.scan(committer.files().keySet());
                for (LogDirectory.Found f : found) {
                    if (!readingAllowed()) {
                        closeQuietly(f.takenOver());
                        continue;
                    }
                    ship(f);
                }
                if (found.isEmpty()) {
                    if (drainingNow && !held) {
                        LOG.info("drained: no file waits and no writer holds one");
                        break;
                    }
                    wakeUp.tryAcquire(settings.pollIntervalMs(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void ship(LogDirectory.Found f) throws InterruptedException {
        ReadyFile file = f.file();
        FileChannel channel = f.takenOver();
        if (channel == null) {
            try {
                channel = FileChannel.open(f.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException gone) {
                filesVanished.increment();
                LOG.warn("{} was removed before it was read", file.name());
                return;
            } catch (IOException e) {
                LOG.error("{} could not be opened; it is tried again", file.name(), e);
                return;
            }
        } else {
            LOG.warn("{}: no writer holds it, so its writer is gone; shipping its complete lines", file.name());
        }
        Checkpoint from = resumed.getOrDefault(file.readyName(), Checkpoint.start(file.readyName()));
        FileProgress progress = new FileProgress(file, f.path(), channel, f.takenOver() != null, from);
        committer.track(progress);
        boolean atEnd = false;
        try {
            checkResumable(checkpoints, channel, from);
            BatchReader batches = new BatchReader(file, channel, from.offset(), from.lines() + 1,
                    settings.maxBatchBytes(), settings.maxBatchAgeMs(), check, deadLetters);
            Batch batch;
            while (readingAllowed() && (batch = batches.next()) != null) {
                inFlight.acquire();
                progress.add(batch, batches.firstTs());
                recordsRead.increment(batch.records());
                bytesRead.increment(batch.endOffset() - batch.startOffset());
                deliver(progress, batch);
            }
            atEnd = batches.offset() == channel.size();
        } catch (IOException e) {
            LOG.error("{} could not be read; it is read again from its checkpoint", file.name(), e);
        } finally {
            resumed.remove(file.readyName());
            committer.readEnded(progress, atEnd);
        }
    }

    private void deliver(FileProgress progress, Batch batch) {
        if (batch.parts().isEmpty()) {
            committer.acked(progress, batch);
            return;
        }
        long startNanos = System.nanoTime();
        sink.deliver(batch).whenComplete((ok, error) -> {
            if (error == null) {
                sinkLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                committer.acked(progress, batch);
            } else {
                committer.dropped(progress, batch);
                if (!stopReading) {
                    recordsFailed.increment(batch.records());
                    fail(error);
                }
            }
        });
    }

    private boolean readingAllowed() {
        return !stopReading && !(draining && clockMs.getAsLong() >= readDeadlineMs);
    }

    // A checkpoint must fall on a line boundary inside the file, else it belongs to other bytes.
    private static void checkResumable(CheckpointStore checkpoints, FileChannel channel, Checkpoint from)
            throws IOException {
        long size = channel.size();
        if (from.offset() > size) {
            throw new CorruptCheckpointException(checkpoints.pathOf(from.readyName()), "offset " + from.offset()
                    + " is past the end of the file (" + size + " bytes)");
        }
        if (from.offset() > 0 && from.offset() < size) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, from.offset() - 1);
            if (last.get(0) != '\n') {
                throw new CorruptCheckpointException(checkpoints.pathOf(from.readyName()), "offset " + from.offset()
                        + " is not at the end of a line");
            }
        }
    }

    private boolean writerStillHoldsAFile() throws IOException {
        try (var files = Files.newDirectoryStream(source.dir(), p ->
                BidLogFileNames.isActive(p.getFileName().toString()))) {
            for (Path p : files) {
                String ready = BidLogFileNames.readyNameOf(p.getFileName().toString());
                if (!committer.files().containsKey(ready) && LogDirectory.isHeld(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
            LOG.error("the shipper stops", error);
        }
        stop();
    }

    private double lagMs() {
        long oldest = Long.MAX_VALUE;
        for (FileProgress p : committer.files().values()) {
            oldest = Math.min(oldest, p.oldestPendingTs());
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clockMs.getAsLong() - oldest);
    }

    // [files, bytes] waiting: every bid-log file in the directory, less what is acknowledged of those in progress.
    private long[] waiting() {
        long files = 0;
        long bytes = 0;
        try (var all = Files.newDirectoryStream(source.dir(), p ->
                BidLogFileNames.sequenceOf(p.getFileName().toString()) >= 0)) {
            for (Path p : all) {
                files++;
                bytes += Files.size(p);
            }
        } catch (IOException e) {
            return new long[] {files, bytes};
        }
        for (FileProgress p : committer.files().values()) {
            bytes -= p.committed().offset();
        }
        return new long[] {files, Math.max(0, bytes)};
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Only a lock is given back.
            }
        }
    }
}
