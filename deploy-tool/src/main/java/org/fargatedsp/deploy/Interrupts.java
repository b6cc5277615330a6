package org.fargatedsp.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM / SIGINT (a Jenkins abort) into an orderly stop: the shutdown hook interrupts the thread running
 * the command, which cleans up what it created and reports, and the hook waits for that before the JVM exits
 * with the command's exit code (2 for an interrupted deploy).
 */
public final class Interrupts {
    private final Thread worker;
    private final PrintStream err;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = ExitCodes.ERROR;
    private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param worker the thread that runs the command
     * @param grace how long the hook waits for clean-up before giving up on it
     */
    public Interrupts(Thread worker, PrintStream err, Duration grace) {
        this.worker = worker;
        this.err = err;
        this.grace = grace;
    }

    /** Installs the JVM shutdown hook; only the real process does this. */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "deploy-tool-shutdown"));
    }

    /** The command has finished (its summary is written); a pending shutdown may now exit with this code. */
    public void finished(int code) {
        exitCode = code;
        finished.countDown();
    }

    /**
     * True once after an interrupt was requested: the run takes it to stop, even when the thread's interrupt flag was
     * swallowed by an HTTP call that failed because of it; clean-up, which comes after, then waits undisturbed.
     */
    public boolean takeRequest() {
        return pending.getAndSet(false);
    }

    /** Interrupts the command and waits for its clean-up; true when it finished within the grace period. */
    public boolean interruptAndWait() {
        if (finished.getCount() == 0) {
            return true;
        }
        err.println("deploy-tool: interrupted, cleaning up before exiting (up to " + grace.toSeconds() + " s)");
        err.flush();
        pending.set(true);
        worker.interrupt();
        try {
            return finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        boolean done = interruptAndWait();
        if (!done) {
            err.println("deploy-tool: clean-up did not finish in time; the next run removes what is left");
            err.flush();
        }
        // halt, not exit: exit from a shutdown hook would block, and the status must be the command's.
        Runtime.getRuntime().halt(done ? exitCode : ExitCodes.ERROR);
    }
}
