package org.fargatedsp.bidder.logging;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;

/**
 * Logs one kind of repeated error at most {@code maxPerSecond} times a second, counting what it suppressed and
 * reporting that count in the next line it logs. Each line carries {@code kind} and, when given, the
 * {@code request_id} as structured JSON fields. Lock-free; suppressing a line allocates nothing, and a message with
 * arguments is formatted only for a line that is logged.
 */
public final class SampledLogger {
    /** A request id is the client's to choose: this much of it is logged, however long it is. */
    public static final int MAX_REQUEST_ID_CHARS = 128;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Logger logger;
    private final String kind;
    private final int maxPerSecond;
    private final LongSupplier nanoClock;
    private final AtomicLong windowStart;
    private final AtomicInteger loggedInWindow = new AtomicInteger();
    private final AtomicLong suppressedSinceLastLine = new AtomicLong();
    private final AtomicLong suppressedTotal = new AtomicLong();

    /** A sampled logger on the system's monotonic clock. */
    public SampledLogger(Logger logger, String kind, int maxPerSecond) {
        this(logger, kind, maxPerSecond, System::nanoTime);
    }

    /** A sampled logger on {@code nanoClock} (monotonic nanoseconds), for tests. */
    public SampledLogger(Logger logger, String kind, int maxPerSecond, LongSupplier nanoClock) {
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException("maxPerSecond must be positive: " + maxPerSecond);
        }
        this.logger = logger;
        this.kind = kind;
        this.maxPerSecond = maxPerSecond;
        this.nanoClock = nanoClock;
        this.windowStart = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs at ERROR unless this second's lines are used up; returns whether it logged. */
    public boolean error(String requestId, String message, Throwable cause) {
        if (!admit()) {
            return false;
        }
        logger.error(marker(requestId), message, cause);
        return true;
    }

    /** Logs at WARN unless this second's lines are used up; returns whether it logged. */
    public boolean warn(String requestId, String message, Throwable cause) {
        if (!admit()) {
            return false;
        }
        logger.warn(marker(requestId), message, cause);
        return true;
    }

    /**
     * Logs at WARN, formatting {@code format} with two arguments as SLF4J does ({@code {}} placeholders), unless
     * this second's lines are used up; returns whether it logged.
     */
    public boolean warn(String requestId, String format, Object arg1, Object arg2) {
        if (!admit()) {
            return false;
        }
        logger.warn(marker(requestId), format, arg1, arg2);
        return true;
    }

    /**
     * Logs at INFO, formatting {@code format} with one argument as SLF4J does (its {@code toString()} is called
     * only for a line that is logged), unless this second's lines are used up; returns whether it logged.
     */
    public boolean info(String requestId, String format, Object arg) {
        if (!admit()) {
            return false;
        }
        logger.info(marker(requestId), format, arg);
        return true;
    }

    /** As {@link #info(String, String, Object)}, with two arguments. */
    public boolean info(String requestId, String format, Object arg1, Object arg2) {
        if (!admit()) {
            return false;
        }
        logger.info(marker(requestId), format, arg1, arg2);
        return true;
    }

    /** Lines suppressed since start. */
    public long suppressed() {
        return suppressedTotal.get();
    }

    private boolean admit() {
        long now = nanoClock.getAsLong();
        long start = windowStart.get();
        if (now - start >= WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
            loggedInWindow.set(0);
        }
        if (loggedInWindow.incrementAndGet() > maxPerSecond) {
            suppressedSinceLastLine.incrementAndGet();
            suppressedTotal.incrementAndGet();
            return false;
        }
        return true;
    }

    private LogstashMarker marker(String requestId) {
        LogstashMarker marker = Markers.append("kind", kind);
        if (requestId != null) {
            marker = marker.and(Markers.append("request_id", requestId.length() <= MAX_REQUEST_ID_CHARS
                    ? requestId : requestId.substring(0, MAX_REQUEST_ID_CHARS)));
        }
        long suppressed = suppressedSinceLastLine.getAndSet(0);
        if (suppressed > 0) {
            marker = marker.and(Markers.append("suppressed", suppressed));
        }
        return marker;
    }
}
