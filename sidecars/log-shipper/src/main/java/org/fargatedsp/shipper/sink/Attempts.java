package org.fargatedsp.shipper.sink;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one retry loop of both AWS sinks: a call is tried until it succeeds, with {@link Backoff} between attempts,
 * for as long as the faults are transient; a permanent one becomes a {@link SinkException}. The SDK's own retries
 * are off (see {@link AwsClients}), so every attempt is counted here and the backoff is in one place.
 */
final class Attempts {
    private final Backoff backoff;
    private final SinkCounters counters;
    private final BooleanSupplier closed;

    Attempts(Backoff backoff, SinkCounters counters, BooleanSupplier closed) {
        this.backoff = backoff;
        this.counters = counters;
        this.closed = closed;
    }

    /** {@code call}'s result, once an attempt succeeds; {@code what} names it in errors. */
    <T> T call(String what, Supplier<T> call) {
        int failures = 0;
        while (true) {
            checkOpen(what);
            counters.call();
            try {
                return call.get();
            } catch (SdkException e) {
                AwsFaults.Fault fault = AwsFaults.classify(e);
                if (fault == AwsFaults.Fault.PERMANENT) {
                    throw new SinkException(AwsFaults.describe(what, e), e);
                }
                counters.retry(fault == AwsFaults.Fault.THROTTLED);
                backoff.await(++failures, what);
            }
        }
    }

    /** Waits before the next attempt after {@code failures} in a row that the caller handled itself. */
    void backoff(int failures, String what) {
        backoff.await(failures, what);
    }

    SinkCounters counters() {
        return counters;
    }

    void checkOpen(String what) {
        if (closed.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new SinkClosedException(what + " not finished: the sink was closed");
        }
    }
}
