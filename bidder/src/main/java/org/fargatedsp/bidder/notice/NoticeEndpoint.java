package org.fargatedsp.bidder.notice;

import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Handles win, billing and loss notices: parses and checks them, drops repeats, and adds billed impressions to
 * their campaign's spend.
 *
 * <p>Exchanges retry notices, so the same billing notice can arrive twice; counting it twice would spend the
 * budget on nothing. Notices seen within the dedupe window are remembered in a {@link NoticeDedupe}, bounded in
 * bytes. The window is per task: a retry that reaches another task is deduplicated only by the bid log downstream.
 */
public final class NoticeEndpoint {
    private final BudgetLedger ledger;
    private final NoticeObserver observer;
    private final NoticeDedupe seen;
    private final long ttlMillis;

    /** @param seen remembers notices for its {@link NoticeDedupe#ttlMs() window}; older notices are refused */
    public NoticeEndpoint(BudgetLedger ledger, NoticeObserver observer, NoticeDedupe seen) {
        this.ledger = ledger;
        this.observer = observer;
        this.ttlMillis = seen.ttlMs();
        this.seen = seen;
    }

    /**
     * Processes the notice in {@code uri}.
     *
     * @throws BadRequestException when the notice is malformed or older than the dedupe window
     */
    public Notice handle(Notice.Type type, String uri, long nowMillis) {
        Notice notice = NoticeParser.parse(type, uri);
        if (notice.bidTimeMillis() >= 0 && nowMillis - notice.bidTimeMillis() > ttlMillis) {
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                    "the bid is older than the " + ttlMillis + " ms notice window");
        }
        boolean duplicate = !seen.firstSeen(notice);
        long spend = 0;
        if (!duplicate && type == Notice.Type.BILLING) {
            CampaignBudget budget = ledger.find(notice.campaignId());
            if (budget != null) {
                // A CPM price buys a thousand impressions; one billing notice is one impression.
                spend = notice.priceMicros() / 1000;
                budget.spend(CampaignBudget.day(nowMillis), spend);
            }
        }
        observer.notice(notice, duplicate, spend);
        return notice;
    }
}
