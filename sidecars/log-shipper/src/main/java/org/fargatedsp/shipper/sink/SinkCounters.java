package org.fargatedsp.shipper.sink;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a sink has done since it started, for the assembly to turn into meters (function counters read these
 * getters). Records and bytes count only what the destination acknowledged; calls and retries count every attempt.
 */
public final class SinkCounters {
    private final LongAdder calls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private final LongAdder failedEntries = new LongAdder();

    /** Attempts, failed ones included (S3: every PUT, POST; Firehose: PutRecordBatch; dir: an object written). */
    public long calls() {
        return calls.sum();
    }

    /** Attempts that failed with a transient fault and were tried again. */
    public long retries() {
        return retries.sum();
    }

    /** Of {@link #retries()}, those the service throttled (SlowDown, ThrottlingException, 503). */
    public long throttled() {
        return throttled.sum();
    }

    /** Bid-log lines acknowledged. */
    public long records() {
        return records.sum();
    }

    /** Bytes of those lines, newlines included, as read from the file. */
    public long bytes() {
        return bytes.sum();
    }

    /** Payload bytes acknowledged: gzip of objects (S3, dir), record data (Firehose, before base64), stdout lines. */
    public long sentBytes() {
        return sentBytes.sum();
    }

    /** What the destination stored: S3 objects, or Firehose records (each packing many lines). */
    public long objects() {
        return objects.sum();
    }

    /** Firehose entries that came back with an {@code ErrorCode} inside a successful call, and were retried. */
    public long failedEntries() {
        return failedEntries.sum();
    }

    void call() {
        calls.increment();
    }

    void retry(boolean throttle) {
        retries.increment();
        if (throttle) {
            throttled.increment();
        }
    }

    void stored(long objectCount, long payloadBytes) {
        objects.add(objectCount);
        sentBytes.add(payloadBytes);
    }

    void acknowledged(long lines, long lineBytes) {
        records.add(lines);
        bytes.add(lineBytes);
    }

    void failedEntries(int count) {
        failedEntries.add(count);
    }
}
