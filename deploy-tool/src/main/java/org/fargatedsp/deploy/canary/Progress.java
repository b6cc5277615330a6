package org.fargatedsp.deploy.canary;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One progress line per step on stderr, each with the time since the command started; kept for the summary. */
public final class Progress {
    /** A step as the summary records it. */
    public record Step(long elapsedMs, String message) {
    }

    private final PrintStream err;
    private final Clock clock;
    private final Instant start;
    private final List<Step> steps = new ArrayList<>();

    public Progress(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
    }

    public synchronized void step(String message) {
        long elapsedMs = Duration.between(start, clock.instant()).toMillis();
        steps.add(new Step(elapsedMs, message));
        err.println(String.format(Locale.ROOT, "[%8.1fs] %s", elapsedMs / 1000.0, message));
        err.flush();
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public Clock clock() {
        return clock;
    }
}
