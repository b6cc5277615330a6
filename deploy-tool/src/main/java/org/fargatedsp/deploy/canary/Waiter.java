package org.fargatedsp.deploy.canary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Polls a condition until it holds or its timeout passes. Throttling and transient network errors that outlast
 * the SDK's own retries do not end the wait: the interval doubles (up to a ceiling) and the poll goes on.
 */
public final class Waiter {
    /** One look at the condition: done with a value, or pending with a status worth showing on timeout. */
    public record Poll<T>(boolean done, T value, String status) {
        public static <T> Poll<T> done(T value) {
            return new Poll<>(true, value, "done");
        }

        public static <T> Poll<T> pending(String status) {
            return new Poll<>(false, null, status);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final BooleanSupplier interruptRequested;
    private final Duration interval;
    private final Duration maxInterval;

    /**
     * @param interruptRequested true once when the run is to stop (see {@code Interrupts.takeRequest})
     */
    public Waiter(Clock clock, Sleeper sleeper, Duration interval, Duration maxInterval,
                  BooleanSupplier interruptRequested) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interruptRequested = interruptRequested;
        this.interval = interval;
        this.maxInterval = maxInterval.compareTo(interval) < 0 ? interval : maxInterval;
    }

    /** Polls until done; throws {@link DeployError} naming the last status on timeout. */
    public <T> T until(String what, Duration timeout, Supplier<Poll<T>> condition) {
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = interval;
        String status = "not polled yet";
        while (true) {
            checkInterrupt();
            try {
                Poll<T> poll = condition.get();
                if (poll.done()) {
                    return poll.value();
                }
                status = poll.status();
                pause = interval;
            } catch (AwsServiceException e) {
                if (!e.isThrottlingException() && e.statusCode() < 500) {
                    throw e;
                }
                status = "AWS answered " + e.awsErrorDetails().errorCode() + ", backing off";
                pause = longer(pause);
            } catch (AbortedException e) {
                throw new DeployInterrupted("interrupted while waiting for " + what);
            } catch (SdkClientException e) {
                checkInterrupt();
                status = "AWS call failed (" + e.getMessage() + "), retrying";
                pause = longer(pause);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new DeployError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " (last seen: " + status + ")");
            }
            sleep(pause);
        }
    }

    /** Sleeps, turning an interrupt into {@link DeployInterrupted} (with the flag cleared, so clean-up can call AWS). */
    public void sleep(Duration duration) {
        checkInterrupt();
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            throw new DeployInterrupted("interrupted");
        }
    }

    /** Throws {@link DeployInterrupted} if an interrupt was requested and nobody has acted on it yet. */
    public void checkInterrupt() {
        if (interruptRequested.getAsBoolean()) {
            Thread.interrupted();
            throw new DeployInterrupted("interrupted");
        }
    }

    public Duration interval() {
        return interval;
    }

    public Clock clock() {
        return clock;
    }

    private Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
    }
}
