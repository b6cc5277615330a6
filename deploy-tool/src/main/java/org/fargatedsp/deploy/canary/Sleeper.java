package org.fargatedsp.deploy.canary;

import java.time.Duration;

/** Waits between polls; the real one sleeps, a test's advances a simulated clock. */
@FunctionalInterface
public interface Sleeper {
    /** The real sleeper. */
    Sleeper SYSTEM = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
