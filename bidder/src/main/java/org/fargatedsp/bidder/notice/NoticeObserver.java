package org.fargatedsp.bidder.notice;

/** Told of every accepted notice, to count it and log it. */
public interface NoticeObserver {
    /**
     * @param duplicate true when the same notice for the same bid was seen before: it is acknowledged but its
     *     spend is not counted again
     * @param spendMicros what the notice added to the campaign's spend, in micros of the bidder's currency
     */
    void notice(Notice notice, boolean duplicate, long spendMicros);
}
