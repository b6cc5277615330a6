package org.fargatedsp.deploy;

/** The tool's exit codes, documented in docs/deploy-tool.md; Jenkins branches on them. */
public final class ExitCodes {
    /** Deployed (or, for read-only commands, done). */
    public static final int OK = 0;
    /** The canary was rejected and everything it created was removed; the service is as it was. */
    public static final int REJECTED = 1;
    /** Something failed; clean-up went as far as it could and printed what is left. */
    public static final int ERROR = 2;
    /** Bad usage: unknown flag, missing or invalid configuration. */
    public static final int USAGE = 3;

    private ExitCodes() {
    }
}
