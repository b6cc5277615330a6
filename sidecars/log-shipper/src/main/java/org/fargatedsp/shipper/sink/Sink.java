package org.fargatedsp.shipper.sink;

import java.util.concurrent.CompletableFuture;
import org.fargatedsp.shipper.channel.Batch;

/**
 * Where batches go: S3, Firehose, a local directory laid out like the S3 prefix, or stdout. A sink may have several
 * batches in flight and finish them in any order; the channel advances its checkpoint over the acknowledged prefix
 * only.
 */
public interface Sink extends AutoCloseable {
    /**
     * Delivers every record of {@code batch}. The future completes normally only once the destination has durably
     * acknowledged all of them. Transient faults (throttling, 5xx, resets, partial failures, an outage of any
     * length) are retried with backoff and jitter, never given up on; the future completes exceptionally only when
     * the sink is closed before the batch was acknowledged, or on a fault no retry can fix (access denied, a bucket
     * or stream that does not exist), which stops the shipper with that error.
     */
    CompletableFuture<Void> deliver(Batch batch);

    /** Stops retrying; batches not yet acknowledged complete exceptionally. Idempotent. */
    @Override
    void close();
}
