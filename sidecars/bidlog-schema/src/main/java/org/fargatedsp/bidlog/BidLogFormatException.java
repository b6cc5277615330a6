package org.fargatedsp.bidlog;

/** A bid-log line that is not a valid record of this schema; the message names the source and the line. */
public final class BidLogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error for a line; {@code message} says what is wrong with it. */
    public BidLogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
