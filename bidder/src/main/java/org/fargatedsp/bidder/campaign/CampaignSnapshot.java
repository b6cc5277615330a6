package org.fargatedsp.bidder.campaign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable campaign set as loaded, with its match index and each entry's budget. The bidder swaps whole
 * snapshots atomically, so a request sees one consistent set from start to end.
 */
public final class CampaignSnapshot {
    private final List<Campaign> campaigns;
    private final Map<String, Campaign> byId;
    private final CampaignIndex index;
    private final CampaignBudget[] budgets;
    private final long loadedAtMillis;
    private final String source;

    public CampaignSnapshot(List<Campaign> campaigns, BudgetLedger ledger, long loadedAtMillis, String source) {
        this.campaigns = List.copyOf(campaigns);
        this.byId = new HashMap<>(campaigns.size() * 2);
        for (Campaign c : campaigns) {
            byId.put(c.id(), c);
        }
        this.index = CampaignIndex.build(this.campaigns);
        this.budgets = new CampaignBudget[index.size()];
        for (int e = 0; e < budgets.length; e++) {
            budgets[e] = ledger.budgetOf(index.campaign(e));
        }
        this.loadedAtMillis = loadedAtMillis;
        this.source = source;
    }

    public List<Campaign> campaigns() {
        return campaigns;
    }

    public Campaign campaign(String id) {
        return byId.get(id);
    }

    public CampaignIndex index() {
        return index;
    }

    /** The budget of the campaign of index entry {@code entry}. */
    public CampaignBudget budget(int entry) {
        return budgets[entry];
    }

    /** Number of campaigns that take part in auctions. */
    public int activeCampaigns() {
        int active = 0;
        for (Campaign c : campaigns) {
            if (c.active()) {
                active++;
            }
        }
        return active;
    }

    public long loadedAtMillis() {
        return loadedAtMillis;
    }

    /** Where the campaigns came from, for logs and health details. */
    public String source() {
        return source;
    }
}
