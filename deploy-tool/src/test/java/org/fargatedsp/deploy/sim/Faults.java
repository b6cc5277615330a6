package org.fargatedsp.deploy.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The faults a scenario injects into the simulator; all off by default. */
public final class Faults {
    /** Canary tasks fail to pull their image and stop before running. */
    public boolean imagePullFailure;
    /** Canary tasks crash (exit 137) this long after reaching RUNNING; null for never. */
    public Duration canaryCrashAfter;
    /** Canary tasks' container health check fails this long after RUNNING; null for never. */
    public Duration canaryUnhealthyAfter;
    /** The load balancer's health checks fail for canary targets. */
    public boolean canaryTargetsUnhealthy;
    /** RunTask reports this many of its tasks as failures (capacity) instead of starting them. */
    public int runTaskCapacityFailures;
    /** The service deployment of a new revision fails (its tasks keep failing to start). */
    public boolean rolloutFails;
    /** DescribeTasks does not see a task on the first call after RunTask (eventual consistency). */
    public boolean describeAfterRunMisses = true;
    /** The next N calls of an action are throttled, per action name. */
    public final Map<String, Integer> throttle = new HashMap<>();

    /** True (and counts down) when this call of the action is to be throttled. */
    synchronized boolean throttled(String action) {
        Integer left = throttle.get(action);
        if (left == null || left <= 0) {
            return false;
        }
        throttle.put(action, left - 1);
        return true;
    }

    public synchronized void throttle(String action, int times) {
        throttle.put(action, times);
    }
}
