package org.fargatedsp.bidder.bidlog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.config.EnvParser;

/**
 * Settings of the bid log, read from {@code BID_LOG_*} environment variables (see {@code docs/observability.md}).
 *
 * @param enabled whether bid-log records are written at all ({@code BID_LOG_ENABLED})
 * @param dir where the active and ready files are ({@code BID_LOG_DIR}), shared with the log shipper
 * @param queueCapacity records that may wait for the writer thread; Netty's MPSC queue rounds it up to a power
 *                      of two ({@code BID_LOG_QUEUE_CAPACITY})
 * @param maxFileBytes size at which the active file is rotated ({@code BID_LOG_MAX_FILE_BYTES})
 * @param maxFileAgeMs age at which the active file is rotated ({@code BID_LOG_MAX_FILE_AGE_MS})
 * @param maxDiskBytes budget for all bid-log files in {@code dir}; past it records are dropped
 *                     ({@code BID_LOG_MAX_DISK_BYTES})
 * @param closeTimeoutMs how long shutdown waits for the writer to drain the queue ({@code BID_LOG_CLOSE_TIMEOUT_MS})
 */
public record BidLogConfig(boolean enabled, Path dir, int queueCapacity, long maxFileBytes, long maxFileAgeMs,
                           long maxDiskBytes, long closeTimeoutMs) {
    public static final String ENABLED = "BID_LOG_ENABLED";
    public static final String DIR = "BID_LOG_DIR";
    public static final String QUEUE_CAPACITY = "BID_LOG_QUEUE_CAPACITY";
    public static final String MAX_FILE_BYTES = "BID_LOG_MAX_FILE_BYTES";
    public static final String MAX_FILE_AGE_MS = "BID_LOG_MAX_FILE_AGE_MS";
    public static final String MAX_DISK_BYTES = "BID_LOG_MAX_DISK_BYTES";
    public static final String CLOSE_TIMEOUT_MS = "BID_LOG_CLOSE_TIMEOUT_MS";

    static final String DEFAULT_DIR = "./logs/bids";
    static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
    static final long DEFAULT_MAX_FILE_AGE_MS = 60_000;
    static final long DEFAULT_MAX_DISK_BYTES = 1L << 30;
    // ECS sends SIGKILL 30 s after SIGTERM by default (stopTimeout): leave the rest of the process time to finish.
    static final long DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

    /** The settings in {@code env}; appends one message per bad value to {@code errors} and uses the default. */
    public static BidLogConfig fromEnv(Map<String, String> env, List<String> errors) {
        EnvParser p = new EnvParser(env, errors);
        boolean enabled = p.bool(ENABLED, true);
        Path dir = path(p.string(DIR, DEFAULT_DIR), errors);
        int queueCapacity = p.integer(QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, 16, 1 << 24);
        long maxFileBytes = p.longValue(MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, 4096, 1L << 40);
        long maxFileAgeMs = p.longValue(MAX_FILE_AGE_MS, DEFAULT_MAX_FILE_AGE_MS, 100, 86_400_000);
        long maxDiskBytes = p.longValue(MAX_DISK_BYTES, DEFAULT_MAX_DISK_BYTES, 4096, 1L << 50);
        long closeTimeoutMs = p.longValue(CLOSE_TIMEOUT_MS, DEFAULT_CLOSE_TIMEOUT_MS, 1, 600_000);
        if (maxDiskBytes < maxFileBytes) {
            errors.add(MAX_DISK_BYTES + "=" + maxDiskBytes + " is smaller than " + MAX_FILE_BYTES + "="
                    + maxFileBytes + ": one full file must fit in the disk budget");
        }
        return new BidLogConfig(enabled, dir, queueCapacity, maxFileBytes, maxFileAgeMs, maxDiskBytes,
                closeTimeoutMs);
    }

    private static Path path(String value, List<String> errors) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            errors.add(DIR + "=" + value + " is not a valid path: " + e.getReason());
            return Path.of(DEFAULT_DIR);
        }
    }
}
