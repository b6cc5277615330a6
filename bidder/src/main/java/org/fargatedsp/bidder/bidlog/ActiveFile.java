package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one file the writer appends to, and its life: opened on the first write, rotated (flushed, forced,
 * closed, renamed atomically to its ready name) by size, by age, on error and at shutdown. Writer thread only.
 */
final class ActiveFile {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveFile.class);

    private final BidLogFiles files;
    private final Path dir;
    private final String taskId;
    private long nextSeq;
    private BidLogFiles.Output output;
    private String name;
    private long bytes;
    private long openedAtMs;

    ActiveFile(BidLogFiles files, Path dir, String taskId, long firstSeq) {
        this.files = files;
        this.dir = dir;
        this.taskId = taskId;
        this.nextSeq = firstSeq;
    }

    boolean isOpen() {
        return output != null;
    }

    /** The active file's name, or null when none is open. */
    String name() {
        return name;
    }

    long bytes() {
        return bytes;
    }

    long openedAtMs() {
        return openedAtMs;
    }

    /**
     * Appends {@code src}, opening a new file first if none is open. On failure the file is cut back to where
     * the write began, so it never ends in half a record, and the exception is rethrown for the caller to rotate.
     */
    void append(ByteBuffer src, long nowMs) throws IOException {
        if (output == null) {
            open(nowMs);
        }
        int length = src.remaining();
        try {
            output.write(src);
            bytes += length;
        } catch (IOException e) {
            try {
                output.truncate(bytes);
            } catch (IOException truncateFailed) {
                e.addSuppressed(truncateFailed);
            }
            throw e;
        }
    }

    /**
     * Closes the active file and publishes it under its ready name; an empty file is removed instead. Returns the
     * bytes published. Failures are logged: the data stays in an active file that the next start recovers.
     */
    long rotate() {
        if (output == null) {
            return 0;
        }
        BidLogFiles.Output closing = output;
        String closingName = name;
        long published = bytes;
        output = null;
        name = null;
        bytes = 0;
        Path active = dir.resolve(closingName);
        try {
            // Forced before the rename so that a ready name never points at data still only in the page cache.
            closing.force();
        } catch (IOException e) {
            LOG.warn("bid-log fsync failed for {}: {}", closingName, e.toString());
        }
        try {
            closing.close();
            if (published == 0) {
                files.delete(active);
            } else {
                files.moveAtomically(active, dir.resolve(BidLogFileNames.readyNameOf(closingName)));
            }
        } catch (IOException e) {
            LOG.error("bid-log file {} could not be published; it is recovered at the next start", closingName, e);
            return 0;
        }
        return published;
    }

    private void open(long nowMs) throws IOException {
        String newName = BidLogFileNames.activeName(taskId, nextSeq++);
        output = files.create(dir.resolve(newName));
        name = newName;
        bytes = 0;
        openedAtMs = nowMs;
    }
}
