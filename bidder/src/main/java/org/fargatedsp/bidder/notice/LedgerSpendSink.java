package org.fargatedsp.bidder.notice;

import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignBudget;

/** Spend counted in this task's {@link BudgetLedger}, on the UTC day of the notice. */
public final class LedgerSpendSink implements SpendSink {
    private final BudgetLedger ledger;

    public LedgerSpendSink(BudgetLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public long spend(String campaignId, long micros, long nowMillis) {
        CampaignBudget budget = ledger.find(campaignId);
        if (budget == null) {
            // A campaign no snapshot ever had: nothing bids on its budget, so there is nothing to hold back.
            return 0;
        }
        budget.spend(CampaignBudget.day(nowMillis), micros);
        return micros;
    }
}
