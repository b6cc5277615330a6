package org.fargatedsp.bidder.notice;

import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Handles win, billing and loss notices: verifies their token and price, drops repeats, and adds billed
 * impressions to their campaign's spend.
 *
 * <p>Only a notice whose token this bidder signed is believed ({@link NoticeVerifier}), so a made-up or altered URL
 * spends nothing. Exchanges retry notices, so the same billing notice can arrive twice; counting it twice would
 * spend the budget on nothing: the {@link NoticeDedupe} decides which is first, in this task or, with several tasks
 * behind the load balancer, across the fleet through the notice table, in which case it decides after the notice
 * was answered. A notice older than the dedupe window is refused, since the dedupe may have forgotten it. What a
 * billing notice costs goes to the {@link SpendSink}, converted to the bidder's currency if the bid was in another,
 * on the day of its bid: the day whose budget the bid was placed against.
 */
public final class NoticeEndpoint {
    private final NoticeParser parser;
    private final long maxAgeMs;
    private final NoticeDedupe dedupe;
    private final SpendSink spend;
    private final FxRates fx;
    private final NoticeObserver observer;

    /**
     * @param maxAgeMs the dedupe window, {@code NOTICE_DEDUPE_TTL_MS}: older bids' notices are refused
     * @param fx the bidder's currency and the rates to it
     */
    public NoticeEndpoint(NoticeSecrets secrets, long maxAgeMs, NoticeDedupe dedupe, SpendSink spend, FxRates fx,
            NoticeObserver observer) {
        this.parser = new NoticeParser(new NoticeVerifier(secrets.signing(), maxAgeMs), secrets.prices());
        this.maxAgeMs = maxAgeMs;
        this.dedupe = dedupe;
        this.spend = spend;
        this.fx = fx;
        this.observer = observer;
    }

    /**
     * Processes the notice in {@code uri}; its repeat check and spend may complete after this returns.
     *
     * @throws BadRequestException when the notice cannot be read
     * @throws NoticeRejectedException when it is not one this bidder signed, or its price cannot be taken
     */
    public Notice handle(Notice.Type type, String uri, long nowMillis) {
        Notice notice;
        try {
            notice = parser.parse(type, uri, nowMillis);
        } catch (NoticeRejectedException e) {
            observer.rejected(e.reason());
            throw e;
        }
        dedupe.claim(NoticeKey.of(notice), notice.bidTimeMillis() + maxAgeMs, first -> counted(notice, first));
        return notice;
    }

    private void counted(Notice notice, boolean first) {
        long spent = 0;
        if (first && notice.type() == Notice.Type.BILLING) {
            // A CPM price buys a thousand impressions; one billing notice is one impression. A bid in a currency
            // without a rate (CURRENCY changed since) spends nothing here; its bid-log record keeps price and currency.
            double micros = fx.convert(notice.priceMicros() / 1000, notice.currency());
            if (!Double.isNaN(micros)) {
                spent = spend.spend(notice.campaignId(), Math.round(micros), notice.bidTimeMillis());
            }
        }
        observer.notice(notice, !first, spent);
    }
}
