package org.fargatedsp.bidder.campaign;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CampaignBudget} of every campaign by id. It outlives campaign snapshots, so that reloading campaigns
 * keeps what they spent today.
 */
public final class BudgetLedger {
    private final ConcurrentHashMap<String, CampaignBudget> budgets = new ConcurrentHashMap<>();

    /** The budget of {@code campaign}, created on first use and updated to its current daily budget. */
    public CampaignBudget budgetOf(Campaign campaign) {
        CampaignBudget budget = budgets.computeIfAbsent(campaign.id(),
                id -> new CampaignBudget(id, campaign.dailyBudgetMicros()));
        budget.setDailyBudget(campaign.dailyBudgetMicros());
        return budget;
    }

    /** The budget of the campaign with {@code id}, or null when no loaded campaign ever had that id. */
    public CampaignBudget find(String id) {
        return budgets.get(id);
    }
}
