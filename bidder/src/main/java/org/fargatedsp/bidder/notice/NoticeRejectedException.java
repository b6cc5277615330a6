package org.fargatedsp.bidder.notice;

/**
 * A notice refused with {@code 403}: well-formed, but not one the bidder signed or with a price it cannot take. The
 * message is the reason given to the client; it never quotes the token or the price. No stack trace: an expected
 * outcome of client input, which must stay cheap.
 */
public final class NoticeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final NoticeRejection reason;

    public NoticeRejectedException(NoticeRejection reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public NoticeRejection reason() {
        return reason;
    }
}
