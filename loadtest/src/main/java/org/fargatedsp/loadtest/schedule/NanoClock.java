package org.fargatedsp.loadtest.schedule;

/** A monotonic nanosecond clock, so tests can drive the schedule with a fake one. */
@FunctionalInterface
public interface NanoClock {
    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
