package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's account of the bytes in the bid-log directory, checked against the disk budget before every
 * record is written. Between directory scans it only adds what the writer wrote, so it can overstate (the
 * shipper deleted files) but never understate: the budget holds. The directory is rescanned every
 * {@code rescanMs} to see what the shipper removed. Writer thread only; the totals are published for gauges.
 */
final class DiskUsage {
    private static final Logger LOG = LoggerFactory.getLogger(DiskUsage.class);

    private final BidLogFiles files;
    private final Path dir;
    private final long maxBytes;
    private final long rescanMs;
    private long otherFilesBytes;
    private int otherFiles;
    private long lastScanMs = Long.MIN_VALUE / 2;
    private boolean listFailing;
    private volatile long publishedBytes;
    private volatile int publishedFiles;

    DiskUsage(BidLogFiles files, Path dir, long maxBytes, long rescanMs) {
        this.files = files;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.rescanMs = rescanMs;
    }

    /**
     * Whether {@code extra} more bytes fit in the budget next to the active file's {@code activeBytes}. When
     * they do not and the last scan is older than {@code rescanMs}, rescans first.
     */
    boolean fits(long extra, ActiveFile active, long nowMs) {
        if (otherFilesBytes + active.bytes() + extra <= maxBytes) {
            return true;
        }
        if (nowMs - lastScanMs >= rescanMs) {
            scan(active, nowMs);
        }
        return otherFilesBytes + active.bytes() + extra <= maxBytes;
    }

    /** Rescans when the last scan is older than {@code rescanMs}. */
    void maybeScan(ActiveFile active, long nowMs) {
        if (nowMs - lastScanMs >= rescanMs) {
            scan(active, nowMs);
        }
    }

    /** The active file became a ready file of {@code bytes} bytes (0 when it was removed or not published). */
    void rotated(long bytes) {
        otherFilesBytes += bytes;
        if (bytes > 0) {
            otherFiles++;
        }
    }

    /** Refreshes the published totals after a write. */
    void publish(ActiveFile active) {
        publishedBytes = otherFilesBytes + active.bytes();
        publishedFiles = otherFiles + (active.isOpen() ? 1 : 0);
    }

    long bytes() {
        return publishedBytes;
    }

    int files() {
        return publishedFiles;
    }

    void scan(ActiveFile active, long nowMs) {
        lastScanMs = nowMs;
        long bytes = 0;
        int count = 0;
        try {
            for (BidLogFiles.FileEntry e : files.list(dir)) {
                if (!e.name().equals(active.name())) {
                    bytes += e.size();
                    count++;
                }
            }
        } catch (IOException e) {
            // Keep the old, conservative totals: they only ever overstate the usage. Logged once until a scan works.
            if (!listFailing) {
                listFailing = true;
                LOG.warn("could not list the bid-log directory {}: {}; the disk use shown is the last known",
                        dir, e.toString());
            }
            return;
        }
        if (listFailing) {
            listFailing = false;
            LOG.info("the bid-log directory {} can be listed again", dir);
        }
        otherFilesBytes = bytes;
        otherFiles = count;
        publish(active);
    }
}
