package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up clean-up of the bid-log directory: an active file left by a writer that died (the container was
 * killed) is cut back to its last complete line and published, and the next sequence number is chosen past
 * every file of this task and past the clock, so a restarted container on the same volume never reuses a name,
 * not even once the shipper has deleted every file of the earlier run: a name that came again would give its
 * S3 objects the keys of the earlier file's, and overwrite them.
 */
final class BidLogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BidLogRecovery.class);
    private static final int CHUNK = 64 * 1024;

    /** 2025-01-01T00:00:00Z, from which {@link #clockSequence} counts. */
    static final long SEQUENCE_EPOCH_MS = 1_735_689_600_000L;
    /** One sequence number per tenth of a second: 10 digits (BidLogFileNames) last until 2056. */
    static final long SEQUENCE_TICK_MS = 100;

    private BidLogRecovery() {}

    /**
     * The lowest first sequence number of a run started at {@code nowMs}: tenths of a second since
     * {@link #SEQUENCE_EPOCH_MS}. A run's names then stay below the next run's first unless it opened more than
     * ten files a second on average (at 64 MiB a file, 640 MB/s), and they sort numerically, as the 10-digit names
     * of earlier runs (counted from 1) do, before them.
     */
    static long clockSequence(long nowMs) {
        return Math.max(1, (nowMs - SEQUENCE_EPOCH_MS) / SEQUENCE_TICK_MS);
    }

    /**
     * Publishes leftover active files and returns the first sequence number for {@code taskId}: past every file of
     * the task in {@code dir}, and at least {@link #clockSequence} of {@code nowMs}.
     */
    static long recover(BidLogFiles files, Path dir, String taskId, long nowMs) throws IOException {
        String task = BidLogFileNames.sanitizeTaskId(taskId);
        long nextSeq = clockSequence(nowMs);
        for (BidLogFiles.FileEntry entry : files.list(dir)) {
            String name = entry.name();
            if (task.equals(BidLogFileNames.taskIdOf(name))) {
                nextSeq = Math.max(nextSeq, BidLogFileNames.sequenceOf(name) + 1);
            }
            if (BidLogFileNames.isActive(name)) {
                publishLeftover(files, dir, name);
            }
        }
        return nextSeq;
    }

    private static void publishLeftover(BidLogFiles files, Path dir, String name) throws IOException {
        Path active = dir.resolve(name);
        BidLogFiles.Output out;
        try {
            out = files.openExisting(active);
        } catch (BidLogFiles.FileLockedException e) {
            // Another task's live writer (tasks may share a directory), or the shipper shipping it: not ours.
            LOG.info("bid-log file {} is locked by another process; left to it", name);
            return;
        }
        // Published under the lock, like the writer's own files, so the shipper never reads it half cut.
        try (out) {
            long size = out.size();
            long complete = endOfLastLine(out, size);
            if (complete < size) {
                out.truncate(complete);
                LOG.warn("bid-log file {} ended in a partial line; cut {} bytes", name, size - complete);
            }
            out.force();
            if (complete == 0) {
                files.delete(active);
            } else {
                files.moveAtomically(active, dir.resolve(BidLogFileNames.readyNameOf(name)));
                LOG.info("published bid-log file {} left by an earlier run", name);
            }
        }
    }

    /** The length of the file up to and including its last line break (0 when it has none). */
    private static long endOfLastLine(BidLogFiles.Output out, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            chunk.clear().limit((int) (end - start));
            long pos = start;
            while (chunk.hasRemaining()) {
                int n = out.read(chunk, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
