package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the files the writer rotates, on a thread of its own and in the order they were rotated: forces each
 * one to the storage device, closes it and renames it atomically to its ready name (an empty one is removed).
 * fsync can take many seconds on a busy volume (13 s for one 64 MiB file on a shared cloud disk under a 3,750
 * requests/s soak); on the writer thread that stopped the draining of the queue, which filled and dropped records.
 * Here the writer goes on appending to its next file while the last one is forced.
 *
 * <p>A file still waiting keeps its active name, so the directory scan counts its bytes against the disk budget
 * and a crash leaves it to {@link BidLogRecovery} at the next start, as before.
 *
 * <p>At most {@value #MAX_PENDING} files wait, each an open file descriptor: past that the writer waits for the
 * oldest to be published, its queue fills, and records are dropped as {@code queue_full} and counted.
 */
final class FilePublisher {
    /** Rotated files that may wait for fsync; a minute's rotations by age, and far more than fsync lags behind. */
    static final int MAX_PENDING = 32;
    private static final Logger LOG = LoggerFactory.getLogger(FilePublisher.class);

    private final BidLogFiles files;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private final Semaphore room = new Semaphore(MAX_PENDING);

    FilePublisher(BidLogFiles files) {
        this.files = files;
        // The semaphore keeps the queue under its capacity, so a task is never rejected for want of room.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(MAX_PENDING), r -> {
            Thread t = new Thread(r, "bid-log-publisher");
            // Like the writer: a file stuck in fsync must not keep the JVM alive past shutdown.
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues {@code output} (already holding every byte written to {@code active}) to be forced, closed and
     * renamed to {@code ready}, or removed when {@code bytes} is 0. Waits only while {@value #MAX_PENDING} files
     * already wait.
     */
    void publish(BidLogFiles.Output output, Path active, Path ready, long bytes) {
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            publishNow(output, active, ready, bytes);
            return;
        }
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    publishNow(output, active, ready, bytes);
                } finally {
                    pending.decrementAndGet();
                    room.release();
                }
            });
        } catch (RejectedExecutionException rejected) {
            // Only after finish(): the writer rotates nothing then, but a file must never be left open unseen.
            pending.decrementAndGet();
            room.release();
            publishNow(output, active, ready, bytes);
        }
    }

    /** Files rotated and not yet published. */
    int pending() {
        return pending.get();
    }

    /**
     * Publishes everything queued, ends the thread and waits for it. {@code FileBidLog.shutdown()} bounds the wait
     * by joining the writer thread that calls this.
     */
    void finish() throws InterruptedException {
        executor.shutdown();
        while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.warn("bid-log publisher still waiting for fsync; {} rotated files to go", pending.get());
        }
    }

    private void publishNow(BidLogFiles.Output output, Path active, Path ready, long bytes) {
        try {
            // Forced before the rename so that a ready name never points at data still only in the page cache.
            output.force();
        } catch (IOException e) {
            LOG.warn("bid-log fsync failed for {}: {}", active.getFileName(), e.toString());
        }
        // Renamed (or removed) before it is closed: closing gives up the lock, and an active name without a lock
        // is what the shipper takes for a dead writer's file. Under its ready name it is the shipper's anyway.
        try (output) {
            if (bytes == 0) {
                files.delete(active);
            } else {
                files.moveAtomically(active, ready);
            }
        } catch (IOException e) {
            LOG.error("bid-log file {} could not be published; the shipper ships it once it is closed, else it is"
                    + " recovered at the next start", active.getFileName(), e);
        }
    }
}
