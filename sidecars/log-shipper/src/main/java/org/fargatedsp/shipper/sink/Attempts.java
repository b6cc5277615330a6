package org.fargatedsp.shipper.sink;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one retry loop of every sink: a call is tried until it succeeds, with {@link Backoff} between attempts, for
 * as long as its faults are transient, and every attempt and retry is counted in {@link SinkCounters}; a
 * permanent fault becomes a {@link SinkException}. The AWS SDK's own retries are off (see {@link AwsClients}), so
 * the backoff is in one place. Only closing the sink ends a retry.
 */
final class Attempts {
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    /** What a failed attempt means. */
    enum Fault { TRANSIENT, THROTTLED, PERMANENT }

    /** How a sink sorts what its calls throw. */
    interface Faults {
        /** A local directory or stdout: every fault (a full disk, a pipe that blocks) is waited out. */
        Faults LOCAL = e -> Fault.TRANSIENT;
        /** S3 and Firehose: {@link AwsFaults} sorts the SDK's exceptions; anything else is a bug, not retried. */
        Faults AWS = e -> e instanceof SdkException sdk ? AwsFaults.classify(sdk) : Fault.PERMANENT;

        Fault classify(Exception e);
    }

    /** One attempt; it may throw what the destination throws. */
    interface Call<T> {
        T run() throws IOException;
    }

    private final Backoff backoff;
    private final SinkCounters counters;
    private final Faults faults;
    private final BooleanSupplier closed;

    Attempts(Backoff backoff, SinkCounters counters, Faults faults, BooleanSupplier closed) {
        this.backoff = backoff;
        this.counters = counters;
        this.faults = faults;
        this.closed = closed;
    }

    /** {@code call}'s result, once an attempt succeeds; {@code what} names it in logs and errors. */
    <T> T call(String what, Call<T> call) {
        int failures = 0;
        while (true) {
            checkOpen(what);
            counters.call();
            try {
                T result = call.run();
                if (failures > 0) {
                    LOG.info("{} succeeded after {} retries", what, failures);
                }
                return result;
            } catch (SinkException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                Fault fault = faults.classify(e);
                if (fault == Fault.PERMANENT) {
                    throw e instanceof SdkException ? new SinkException(AwsFaults.describe(what, e), e)
                            : new SinkException(what + " failed for good: " + e, e);
                }
                counters.retry(fault == Fault.THROTTLED);
                failures++;
                if (Long.bitCount(failures) == 1) {
                    // The first failure and then every power of two: an outage of hours logs a few dozen lines.
                    LOG.warn("{} failed ({} times in a row); retrying: {}", what, failures, e.toString());
                }
                backoff.await(failures, what);
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
