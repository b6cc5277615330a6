package org.fargatedsp.bidder.notice;

import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Handles win, billing and loss notices: parses and checks them, drops repeats, and adds billed impressions to
 * their campaign's spend.
 *
 * <p>Exchanges retry notices, so the same billing notice can arrive twice, and with several tasks behind the load
 * balancer a retry may reach another task; counting it twice would spend the budget on nothing. The
 * {@link NoticeDedupe} decides which is first: in this task, or across the fleet through the notice table, in
 * which case it decides after the notice was answered. A notice older than the dedupe window is refused, since
 * the dedupe may have forgotten it. What a billing notice costs goes to the {@link SpendSink}.
 */
public final class NoticeEndpoint {
    private final long maxAgeMs;
    private final NoticeDedupe dedupe;
    private final SpendSink spend;
    private final NoticeObserver observer;

    /** @param maxAgeMs the dedupe window, {@code NOTICE_DEDUPE_TTL_MS}: older bids' notices are refused */
    public NoticeEndpoint(long maxAgeMs, NoticeDedupe dedupe, SpendSink spend, NoticeObserver observer) {
        this.maxAgeMs = maxAgeMs;
        this.dedupe = dedupe;
        this.spend = spend;
        this.observer = observer;
    }

    /**
     * Processes the notice in {@code uri}; its repeat check and spend may complete after this returns.
     *
     * @throws BadRequestException when the notice is malformed or older than the dedupe window
     */
    public Notice handle(Notice.Type type, String uri, long nowMillis) {
        Notice notice = NoticeParser.parse(type, uri);
        if (notice.bidTimeMillis() >= 0 && nowMillis - notice.bidTimeMillis() > maxAgeMs) {
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                    "the bid is older than the " + maxAgeMs + " ms notice window");
        }
        long bidTime = notice.bidTimeMillis() >= 0 ? notice.bidTimeMillis() : nowMillis;
        dedupe.claim(NoticeKey.of(notice), bidTime + maxAgeMs, first -> counted(notice, first, bidTime));
        return notice;
    }

    private void counted(Notice notice, boolean first, long bidTime) {
        long spent = 0;
        if (first && notice.type() == Notice.Type.BILLING) {
            // A CPM price buys a thousand impressions; one billing notice is one impression.
            spent = spend.spend(notice.campaignId(), notice.priceMicros() / 1000, bidTime);
        }
        observer.notice(notice, !first, spent);
    }
}
