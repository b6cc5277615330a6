package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.fargatedsp.bidlog.BidLogEncoder;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.slf4j.LoggerFactory;

/**
 * The body of the one writer thread: drains the queue in batches, encodes each record on this thread, checks the
 * disk budget and the file size record by record, and writes each batch with one call. Rotates by age between
 * batches and rescans the directory once a second. Rotated files are forced and renamed by the
 * {@link FilePublisher}, so a slow fsync does not stop the draining. Producers never wait for it and never signal
 * it: when the queue is empty it parks for a few milliseconds.
 */
final class BidLogWriter implements Runnable {
    static final int MAX_BATCH_RECORDS = 4096;
    static final int FLUSH_BYTES = 1 << 20;
    static final long DISK_RESCAN_MS = 1000;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final SampledLogger IO_ERRORS =
            new SampledLogger(LoggerFactory.getLogger(BidLogWriter.class), "bid_log_io", 1);

    private final RecordQueue queue;
    private final BidLogConfig config;
    private final LongSupplier clockMs;
    private final ActiveFile active;
    private final FilePublisher publisher;
    private final DiskUsage disk;
    private final BidLogCounters counters;
    private final WriterHealth health;
    private final BidLogRecord[] batch = new BidLogRecord[MAX_BATCH_RECORDS];
    private final LineBuffer buffer = new LineBuffer(64 * 1024);
    private BidLogEncoder encoder;
    private int bufferedRecords;
    private long ioBackoffUntilMs = Long.MIN_VALUE;
    private volatile boolean closing;

    BidLogWriter(RecordQueue queue, BidLogConfig config, LongSupplier clockMs, ActiveFile active,
                 FilePublisher publisher, DiskUsage disk, BidLogCounters counters, WriterHealth health) {
        this.queue = queue;
        this.publisher = publisher;
        this.config = config;
        this.clockMs = clockMs;
        this.active = active;
        this.disk = disk;
        this.counters = counters;
        this.health = health;
        this.encoder = newEncoder();
    }

    /** Asks the thread to drain what is queued, rotate the last file and end. */
    void requestClose() {
        closing = true;
    }

    @Override
    public void run() {
        try {
            while (true) {
                int n = drain();
                long now = clockMs.getAsLong();
                try {
                    if (n > 0) {
                        writeBatch(n, now);
                    }
                    maintain(now);
                } catch (RuntimeException e) {
                    // A bug must not end the only writer: count what the batch still held and carry on.
                    dropUnwritten(n);
                    IO_ERRORS.error(null, "bid-log writer failed on a batch; continuing", e);
                }
                if (n == 0) {
                    if (closing) {
                        break;
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } finally {
            disk.rotated(active.rotate());
            disk.publish(active);
            awaitPublished();
        }
    }

    /** The thread ends only when the files it rotated are published, so that joining it means everything is. */
    private void awaitPublished() {
        try {
            publisher.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dropUnwritten(int n) {
        long lost = bufferedRecords;
        for (int i = 0; i < n; i++) {
            if (batch[i] != null) {
                batch[i] = null;
                lost++;
            }
        }
        buffer.truncate(0);
        bufferedRecords = 0;
        counters.drop(DropCause.IO_ERROR, lost);
    }

    private int drain() {
        int n = 0;
        BidLogRecord r;
        while (n < MAX_BATCH_RECORDS && (r = queue.poll()) != null) {
            batch[n++] = r;
        }
        return n;
    }

    private void writeBatch(int n, long now) {
        for (int i = 0; i < n; i++) {
            BidLogRecord r = batch[i];
            batch[i] = null;
            if (now < ioBackoffUntilMs) {
                counters.drop(DropCause.IO_ERROR);
                continue;
            }
            int mark = buffer.length();
            try {
                encoder.write(r);
                encoder.flush();
            } catch (IOException | RuntimeException e) {
                IO_ERRORS.error(r.requestId(), "bid-log record could not be encoded", e);
                encoder = newEncoder();
                buffer.truncate(mark);
                counters.drop(DropCause.IO_ERROR);
                continue;
            }
            int length = buffer.length() - mark;
            if (active.bytes() + mark + length > config.maxFileBytes() && active.bytes() + mark > 0) {
                // The line would take the file past its size: write what precedes it, then start a new file.
                writeBuffered(mark, now);
                disk.rotated(active.rotate());
                mark = buffer.length() - length;
            }
            if (!disk.fits(mark + length, active, now)) {
                buffer.truncate(mark);
                health.overBudget(true, now);
                counters.drop(DropCause.DISK_BUDGET);
                continue;
            }
            health.overBudget(false, now);
            bufferedRecords++;
            if (buffer.length() >= FLUSH_BYTES) {
                writeBuffered(buffer.length(), now);
            }
        }
        writeBuffered(buffer.length(), now);
    }

    /**
     * Writes the first {@code count} buffered bytes, which hold the {@code bufferedRecords} whole lines before
     * the one being handled, and drops them from the buffer. A failed write loses those records, counted; the
     * file is cut back to its last good line and published, and writing pauses for a second. The first failure
     * of an episode and the first success after it are logged, by {@link WriterHealth}.
     */
    private void writeBuffered(int count, long now) {
        if (count == 0) {
            return;
        }
        try {
            active.append(buffer.first(count), now);
            // The state first: whoever sees the records counted sees the state they were written in.
            health.writeSucceeded(now);
            counters.written(bufferedRecords);
        } catch (IOException e) {
            health.writeFailed(e, now);
            counters.drop(DropCause.IO_ERROR, bufferedRecords);
            disk.rotated(active.rotate());
            ioBackoffUntilMs = now + DISK_RESCAN_MS;
        }
        buffer.discardFirst(count);
        bufferedRecords = 0;
        disk.publish(active);
    }

    private void maintain(long now) {
        if (active.isOpen() && now - active.openedAtMs() >= config.maxFileAgeMs()) {
            disk.rotated(active.rotate());
        }
        disk.maybeScan(active, now);
        counters.checkQueueFull(now);
    }

    private BidLogEncoder newEncoder() {
        try {
            return new BidLogEncoder(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory encoder cannot fail to open", e);
        }
    }
}
