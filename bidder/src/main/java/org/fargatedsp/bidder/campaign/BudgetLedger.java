package org.fargatedsp.bidder.campaign;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link CampaignBudget} of every campaign by id. It outlives campaign snapshots, so that reloading campaigns
 * keeps what they spent today. Billing notices add to it through {@link #spend}.
 */
public final class BudgetLedger {
    /** The even-pacing burst of {@link #BudgetLedger()}: {@code BUDGET_PACING_BURST_PERCENT}'s default. */
    public static final int DEFAULT_BURST_PERCENT = 2;

    private final ConcurrentHashMap<String, CampaignBudget> budgets = new ConcurrentHashMap<>();
    private final Function<Campaign, CampaignBudget> opener;

    /** Budgets counted in this task ({@link InProcessBudget}), with the default pacing burst. */
    public BudgetLedger() {
        this(campaign -> new InProcessBudget(campaign, DEFAULT_BURST_PERCENT));
    }

    /** @param opener makes the budget of a campaign loaded for the first time */
    public BudgetLedger(Function<Campaign, CampaignBudget> opener) {
        this.opener = opener;
    }

    /** The budget of {@code campaign}, created on first use and updated to its current budgets. */
    public CampaignBudget budgetOf(Campaign campaign) {
        CampaignBudget budget = budgets.computeIfAbsent(campaign.id(), id -> opener.apply(campaign));
        budget.update(campaign);
        return budget;
    }

    /** The budget of the campaign with {@code id}, or null when no loaded campaign ever had that id. */
    public CampaignBudget find(String id) {
        return budgets.get(id);
    }

    /**
     * Adds one billed impression's {@code micros} to the campaign's spend on the day of {@code atMillis} (the
     * bid's time), without blocking.
     *
     * @return what was counted: {@code micros}, or 0 for a campaign no snapshot ever had, on whose budget nothing
     *     bids
     */
    public long spend(String campaignId, long micros, long atMillis) {
        CampaignBudget budget = budgets.get(campaignId);
        return budget == null ? 0 : budget.spend(micros, atMillis);
    }

    /** Every budget opened so far. */
    public Collection<CampaignBudget> budgets() {
        return Collections.unmodifiableCollection(budgets.values());
    }
}
