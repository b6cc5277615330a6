package org.fargatedsp.loadtest.generate;

/** The exit codes of the load generator, which the scripts act on. */
public final class ExitCode {
    /** The run completed and met its criteria. */
    public static final int OK = 0;
    /** The run completed but failed a criterion (errors, p99 limit). */
    public static final int FAILED = 1;
    /** The run could not start: bad settings, unusable corpus, unreachable target. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
