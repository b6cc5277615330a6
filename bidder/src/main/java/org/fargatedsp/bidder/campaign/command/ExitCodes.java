package org.fargatedsp.bidder.campaign.command;

/** The campaign commands' exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** A campaign file or a table item that is not valid; nothing was written. */
    static final int INVALID = 1;
    /** A command line or an AWS setting that cannot be used. */
    static final int USAGE = 2;
    /** A DynamoDB call that failed; the message names it. */
    static final int AWS = 3;

    private ExitCodes() {}
}
