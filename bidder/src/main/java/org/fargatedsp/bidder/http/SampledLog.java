package org.fargatedsp.bidder.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs per-request problems at a bounded rate: at most {@code perSecond} lines a second, each carrying how many
 * were suppressed since the last one. A flood of bad requests must not turn into a flood of log lines, and the
 * event loop must not wait on the logger.
 */
public final class SampledLog {
    private final Logger logger;
    private final int perSecond;
    private final AtomicLong window = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public SampledLog(Logger logger, int perSecond) {
        this.logger = logger;
        this.perSecond = perSecond;
    }

    /** Logs a warning with the request id, unless this second's quota is used up. */
    public void warn(String message, String kind, String requestId, String detail) {
        if (admit()) {
            logger.warn(message, kv("kind", kind), kv("request_id", requestId), kv("detail", detail),
                    kv("suppressed", suppressed.getAndSet(0)));
        }
    }

    /** Logs an error with its stack trace, unless this second's quota is used up. */
    public void error(String message, String requestId, Throwable error) {
        if (admit()) {
            logger.error(message, kv("request_id", requestId), kv("suppressed", suppressed.getAndSet(0)), error);
        }
    }

    private boolean admit() {
        long second = System.nanoTime() / 1_000_000_000L;
        long current = window.get();
        if (current != second && window.compareAndSet(current, second)) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() <= perSecond) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }
}
