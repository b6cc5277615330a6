package org.fargatedsp.bidder.bidlog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * Settings of the bid log, read from {@code BID_LOG_*} environment variables (see {@code docs/observability.md}).
 *
 * @param enabled whether bid-log records are written at all ({@code BID_LOG_ENABLED})
 * @param dir where the active and ready files are ({@code BID_LOG_DIR}), shared with the log shipper
 * @param queueCapacity records that may wait for the writer thread; Netty's MPSC queue rounds it up to a power
 *                      of two ({@code BID_LOG_QUEUE_CAPACITY})
 * @param queueMaxBytes the heap the waiting records may hold ({@code BID_LOG_QUEUE_MAX_BYTES})
 * @param maxFileBytes size at which the active file is rotated ({@code BID_LOG_MAX_FILE_BYTES})
 * @param maxFileAgeMs age at which the active file is rotated ({@code BID_LOG_MAX_FILE_AGE_MS})
 * @param maxDiskBytes budget for all bid-log files in {@code dir}; past it records are dropped
 *                     ({@code BID_LOG_MAX_DISK_BYTES})
 * @param closeTimeoutMs how long shutdown waits for the writer to drain the queue ({@code BID_LOG_CLOSE_TIMEOUT_MS})
 */
public record BidLogConfig(boolean enabled, Path dir, int queueCapacity, long queueMaxBytes, long maxFileBytes,
                           long maxFileAgeMs, long maxDiskBytes, long closeTimeoutMs) {
    /** Share of the JVM's maximum heap the queued records may hold unless {@code BID_LOG_QUEUE_MAX_BYTES} says. */
    public static final int QUEUE_HEAP_FRACTION = 16;
    public static final Key<Boolean> ENABLED = Key.bool("BID_LOG_ENABLED").byDefault(true)
            .doc("`false` writes no bid log.");
    public static final Key<Path> DIR = Key.path("BID_LOG_DIR").byDefault(Path.of("./logs/bids"))
            .doc("Bid-log directory, shared with the log shipper.");
    public static final Key<Integer> QUEUE_CAPACITY = Key.integer("BID_LOG_QUEUE_CAPACITY", 16, 1 << 24)
            .byDefault(65_536)
            .doc("Records that may wait for the writer thread; beyond, records are dropped and counted.");
    public static final Key<Long> QUEUE_MAX_BYTES = Key.bytes("BID_LOG_QUEUE_MAX_BYTES", 1 << 20, 1L << 40)
            .documentedDefault("1/" + QUEUE_HEAP_FRACTION + " of the max heap")
            .doc("Heap the records waiting for the writer may hold, counted high from their strings; beyond, records"
                    + " are dropped and counted as `queue_full`. At most half the max heap.");
    public static final Key<Long> MAX_FILE_BYTES = Key.bytes("BID_LOG_MAX_FILE_BYTES", 4096, 1L << 40)
            .byDefault(64L << 20).doc("The active file rotates before it passes this size...");
    public static final Key<Duration> MAX_FILE_AGE_MS = Key.duration("BID_LOG_MAX_FILE_AGE_MS",
            Duration.ofMillis(100), Duration.ofDays(1)).byDefault(Duration.ofMinutes(1))
            .doc("...or this long after it was opened.");
    public static final Key<Long> MAX_DISK_BYTES = Key.bytes("BID_LOG_MAX_DISK_BYTES", 4096, 1L << 50)
            .byDefault(1L << 30)
            .doc("Disk budget of the bid-log directory: past it, records are dropped and counted, bidding goes on.");
    // ECS sends SIGKILL 30 s after SIGTERM by default (stopTimeout): leave the rest of the process time to finish.
    public static final Key<Duration> CLOSE_TIMEOUT_MS = Key.duration("BID_LOG_CLOSE_TIMEOUT_MS",
            Duration.ofMillis(1), Duration.ofMinutes(10)).byDefault(Duration.ofSeconds(10))
            .doc("How long shutdown waits for the bid-log queue to drain.");

    /** Every bid-log key, in the order of the README's table. */
    public static final List<Key<?>> KEYS = List.of(ENABLED, DIR, QUEUE_CAPACITY, QUEUE_MAX_BYTES, MAX_FILE_BYTES,
            MAX_FILE_AGE_MS, MAX_DISK_BYTES, CLOSE_TIMEOUT_MS);

    /** The settings {@code r} reads; a bad value is one more of its problems, and the default stands in for it. */
    public static BidLogConfig read(ConfigReader r) {
        return read(r, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #read(ConfigReader)}, with the queue's default bound taken from {@code maxHeapBytes}. */
    public static BidLogConfig read(ConfigReader r, long maxHeapBytes) {
        Long queueBytes = r.get(QUEUE_MAX_BYTES);
        if (queueBytes == null) {
            queueBytes = maxHeapBytes / QUEUE_HEAP_FRACTION;
        } else if (r.valid(QUEUE_MAX_BYTES) && queueBytes > maxHeapBytes / 2) {
            r.problem(QUEUE_MAX_BYTES, queueBytes, "must be at most half the max heap (" + maxHeapBytes + " bytes)");
        }
        long maxFileBytes = r.get(MAX_FILE_BYTES);
        long maxDiskBytes = r.get(MAX_DISK_BYTES);
        if (r.valid(MAX_FILE_BYTES, MAX_DISK_BYTES) && maxDiskBytes < maxFileBytes) {
            r.problem(MAX_DISK_BYTES, maxDiskBytes, "must be at least " + MAX_FILE_BYTES + " (" + maxFileBytes
                    + "): one full file must fit in the disk budget");
        }
        return new BidLogConfig(r.get(ENABLED), r.get(DIR), r.get(QUEUE_CAPACITY), queueBytes, maxFileBytes,
                r.get(MAX_FILE_AGE_MS).toMillis(), maxDiskBytes, r.get(CLOSE_TIMEOUT_MS).toMillis());
    }

    /** The settings in {@code env}; appends one message per bad value to {@code errors} and uses the default. */
    public static BidLogConfig fromEnv(Map<String, String> env, List<String> errors) {
        ConfigReader r = new ConfigReader(env);
        BidLogConfig config = read(r);
        errors.addAll(r.problems());
        return config;
    }
}
