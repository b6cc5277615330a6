package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.fargatedsp.bidlog.BidLogFileNames;

/**
 * The one file the writer appends to, and its life: opened on the first write, rotated by size, by age, on error
 * and at shutdown into the {@link FilePublisher}, which forces it and renames it atomically to its ready name.
 * Writer thread only.
 */
final class ActiveFile {
    private final BidLogFiles files;
    private final FilePublisher publisher;
    private final Path dir;
    private final String taskId;
    private long nextSeq;
    private BidLogFiles.Output output;
    private String name;
    private long bytes;
    private long openedAtMs;

    ActiveFile(BidLogFiles files, Path dir, String taskId, long firstSeq, FilePublisher publisher) {
        this.files = files;
        this.publisher = publisher;
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
     * Closes the active file: hands it to the publisher, which forces it, closes it and renames it to its ready
     * name (or removes it when empty) on its own thread. Returns the bytes handed over, which are on disk under
     * one name or the other from now on.
     */
    long rotate() {
        if (output == null) {
            return 0;
        }
        long handedOver = bytes;
        publisher.publish(output, dir.resolve(name), dir.resolve(BidLogFileNames.readyNameOf(name)), handedOver);
        output = null;
        name = null;
        bytes = 0;
        return handedOver;
    }

    private void open(long nowMs) throws IOException {
        String newName = BidLogFileNames.activeName(taskId, nextSeq++);
        try {
            output = files.create(dir.resolve(newName));
        } catch (BidLogFiles.FileLockedException takenByTheShipper) {
            // The shipper saw the new file before its lock and took it for a dead writer's: it ships it (empty)
            // and removes it. The next number is free, and this writer never touches that file again.
            newName = BidLogFileNames.activeName(taskId, nextSeq++);
            output = files.create(dir.resolve(newName));
        }
        name = newName;
        bytes = 0;
        openedAtMs = nowMs;
    }
}
