package org.fargatedsp.shipper.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sink's acknowledgements, one at a time on a thread of its own: moves each file's checkpoint over its
 * acknowledged prefix (the dead-letter file forced first, so no bad line lives only in memory when a checkpoint
 * passes it), and once a file is read to its end and wholly acknowledged, deletes it or moves it to the done
 * folder, then its checkpoint. Frees a place in flight per acknowledgement.
 */
final class Committer {
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final CheckpointStore checkpoints;
    private final DeadLetterFile deadLetters;
    private final DoneAction doneAction;
    private final Path doneDir;
    private final Semaphore inFlight;
    private final Map<String, FileProgress> files = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "shipper-commit"));
    private final Counter recordsShipped;
    private final Counter bytesShipped;
    private final Counter filesDone;

    Committer(CheckpointStore checkpoints, DeadLetterFile deadLetters, DoneAction doneAction, Path doneDir,
            Semaphore inFlight, MeterRegistry meters) {
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.doneAction = doneAction;
        this.doneDir = doneDir;
        this.inFlight = inFlight;
        this.recordsShipped = Counter.builder("dsp.shipper.records.shipped")
                .description("records the sink acknowledged").register(meters);
        this.bytesShipped = Counter.builder("dsp.shipper.bytes.shipped").baseUnit("bytes")
                .description("uncompressed bytes of records the sink acknowledged").register(meters);
        this.filesDone = Counter.builder("dsp.shipper.files.done")
                .description("files wholly acknowledged and removed or moved").register(meters);
    }

    /** The files being shipped, by ready name. */
    Map<String, FileProgress> files() {
        return files;
    }

    void track(FileProgress progress) {
        files.put(progress.file.readyName(), progress);
    }

    /** {@code batch} of {@code progress} is acknowledged (or had nothing to deliver). */
    void acked(FileProgress progress, Batch batch) {
        thread.execute(() -> {
            Checkpoint before = progress.committed();
            int passed = progress.ack(batch);
            try {
                if (!progress.committed().equals(before)) {
                    deadLetters.force();
                    checkpoints.write(progress.committed());
                }
                recordsShipped.increment(batch.records());
                bytesShipped.increment(batch.bytes());
                finishIfDone(progress);
            } catch (IOException e) {
                // The acknowledgement stands in memory; the next one writes the checkpoint again.
                LOG.error("checkpoint of {} could not be written", progress.file.readyName(), e);
            } finally {
                inFlight.release(passed);
            }
        });
    }

    /** {@code batch} of {@code progress} will not be acknowledged in this run (the sink closed or gave up). */
    void dropped(FileProgress progress, Batch batch) {
        thread.execute(() -> {
            inFlight.release(progress.drop(batch));
            finishIfDone(progress);
        });
    }

    /** Reading of {@code progress} has ended, at the file's end or not. */
    void readEnded(FileProgress progress, boolean atEnd) {
        thread.execute(() -> {
            if (atEnd) {
                progress.readDone();
            } else {
                progress.abandon();
            }
            finishIfDone(progress);
        });
    }

    /** Runs what was handed over so far and ends the thread, waiting at most {@code timeoutMs}. */
    boolean finish(long timeoutMs) throws InterruptedException {
        thread.shutdown();
        return thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void finishIfDone(FileProgress progress) {
        if (progress.isComplete()) {
            try {
                removeShipped(progress);
                checkpoints.delete(progress.file.readyName());
                filesDone.increment();
                LOG.info("shipped {} ({} lines)", progress.file.name(), progress.committed().lines());
            } catch (IOException e) {
                LOG.error("shipped file {} could not be removed; it is finished at the next start",
                        progress.file.name(), e);
            }
            release(progress);
        } else if (progress.isAbandoned() && progress.isIdle()) {
            release(progress);
        }
    }

    private void release(FileProgress progress) {
        try {
            progress.channel.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed", progress.file.name(), e);
        }
        files.remove(progress.file.readyName());
    }

    // A dead writer's file goes under either name: a bidder restarting meanwhile may have renamed it to its ready
    // name (it is the same bytes), so both are removed.
    private void removeShipped(FileProgress progress) throws IOException {
        Path dir = progress.path.getParent();
        Path[] names = {progress.path, dir.resolve(progress.file.readyName()), dir.resolve(progress.file.activeName())};
        for (Path p : names) {
            if (p != progress.path && !progress.takenOver) {
                continue;
            }
            if (doneAction == DoneAction.MOVE) {
                try {
                    Files.createDirectories(doneDir);
                    Files.move(p, doneDir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // Removed under the shipper, or the other name of a dead writer's file.
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}
