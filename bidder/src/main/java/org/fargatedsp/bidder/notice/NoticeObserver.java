package org.fargatedsp.bidder.notice;

/**
 * Told of every notice, to count it and log it. A fleet-wide {@link NoticeDedupe} may decide a notice after its
 * response, on a thread of its own: implementations must be thread-safe and must not block.
 */
public interface NoticeObserver {
    /**
     * A notice that verified.
     *
     * @param duplicate true when the same notice for the same bid was seen before: it is acknowledged but its
     *     spend is not counted again
     * @param spendMicros what the notice added to the campaign's spend, in micros of the bidder's currency
     */
    void notice(Notice notice, boolean duplicate, long spendMicros);

    /** A notice refused with {@code 403}: not one the bidder signed, or with a price it cannot take. */
    default void rejected(NoticeRejection reason) {
        // Only the counters and the metrics count refusals; the bid log records accepted notices.
    }
}
