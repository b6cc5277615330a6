package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignIndex;

/**
 * Turns what {@link Explainer} found entry by entry into one outcome per campaign: the latest rule any of its
 * creatives reached in any pass (the bid, when it has it). Campaigns the query matched are listed, the bid first
 * and then in bid order, up to {@link Explainer#MAX_LISTED}; the others are counted by rule.
 */
final class CampaignOutcomes {
    /**
     * What the passes over one impression found.
     *
     * @param best per entry, the latest rule reached over all passes (an ordinal; -1 for none yet)
     * @param bestPass per entry, the pass that reached it
     * @param matched the entries the auction's query matched in some pass
     * @param focusEntries the entries of the campaign asked about, in bid order
     * @param focusRules per pass and entry of {@code focusEntries}, the rule reached
     */
    record Findings(int[] best, int[] bestPass, long[] matched, int[] focusEntries, Rule[][] focusRules) {

        static Findings of(int entries, int passes, int[] focusEntries) {
            int[] best = new int[entries];
            Arrays.fill(best, -1);
            return new Findings(best, new int[entries], new long[(entries + 63) >>> 6], focusEntries,
                    new Rule[passes][focusEntries.length]);
        }
    }

    private final ExclusionDetails.Scene scene;
    private final List<ExplainContext> contexts;
    private final Explainer.Campaigns campaigns;
    private final CampaignIndex index;
    private final Findings found;

    CampaignOutcomes(ExclusionDetails.Scene scene, List<ExplainContext> contexts, Explainer.Campaigns campaigns,
            Findings found) {
        this.scene = scene;
        this.contexts = contexts;
        this.campaigns = campaigns;
        this.index = scene.snapshot().index();
        this.found = found;
    }

    Explanation.Imp imp() {
        int n = campaigns.all.size();
        int[] campaignBest = new int[n];
        int[] campaignEntry = new int[n];
        int[] firstEntry = new int[n];
        boolean[] listed = new boolean[n];
        Arrays.fill(campaignBest, -1);
        Arrays.fill(campaignEntry, -1);
        Arrays.fill(firstEntry, -1);
        for (int e = 0; e < index.size(); e++) {
            int c = campaigns.ofEntry[e];
            if (firstEntry[c] < 0) {
                firstEntry[c] = e;
            }
            // Entries are in bid order: at equal rules the campaign's first creative is the one reported.
            if (found.best()[e] > campaignBest[c]) {
                campaignBest[c] = found.best()[e];
                campaignEntry[c] = e;
            }
            listed[c] |= (found.matched()[e >>> 6] & (1L << e)) != 0;
        }
        List<Integer> shown = new ArrayList<>();
        if (campaigns.focus >= 0) {
            shown.add(campaigns.focus);
        } else {
            for (int c = 0; c < n; c++) {
                if (listed[c]) {
                    shown.add(c);
                }
            }
            shown.sort(Comparator.comparing((Integer c) -> campaignBest[c] != Rule.WON.ordinal())
                    .thenComparingInt(c -> firstEntry[c]));
        }
        int unlisted = Math.max(0, shown.size() - Explainer.MAX_LISTED);
        List<Integer> kept = shown.subList(0, shown.size() - unlisted);
        int[] counts = new int[Rule.VALUES.length];
        boolean[] reported = new boolean[n];
        List<Explanation.CampaignOutcome> outcomes = new ArrayList<>();
        for (int c : kept) {
            reported[c] = true;
            outcomes.add(outcome(c, campaignEntry[c], campaignBest[c]));
        }
        for (int c = 0; c < n; c++) {
            if (!reported[c]) {
                counts[ruleWithoutEntries(c, campaignBest[c]).ordinal()]++;
            }
        }
        return new Explanation.Imp(scene.imp().id(), true, null, outcomes, Explainer.summary(counts), unlisted);
    }

    /** A campaign without an indexed creative is paused (or has no creative at all). */
    private Rule ruleWithoutEntries(int c, int best) {
        if (best >= 0) {
            return Rule.VALUES[best];
        }
        return campaigns.all.get(c).active() ? Rule.MEDIA_TYPE : Rule.PAUSED;
    }

    private Explanation.CampaignOutcome outcome(int c, int entry, int best) {
        Campaign campaign = campaigns.all.get(c);
        if (entry < 0) {
            Rule rule = ruleWithoutEntries(c, best);
            return new Explanation.CampaignOutcome(campaign.id(), rule, null, null, null, campaign.bidMicros(),
                    rule == Rule.PAUSED ? ExclusionDetails.of(rule, -1, null, scene)
                            : "the campaign has no creative", List.of());
        }
        Rule rule = Rule.VALUES[best];
        ExplainContext context = contexts.get(found.bestPass()[entry]);
        return new Explanation.CampaignOutcome(campaign.id(), rule, index.creative(entry).id(), context.mediaName(),
                context.deal == null ? null : context.deal.id(), index.bidMicros(entry),
                ExclusionDetails.of(rule, entry, context, scene), c == campaigns.focus ? creatives() : List.of());
    }

    /** Each creative of the campaign asked about, in each pass. */
    private List<Explanation.CreativeOutcome> creatives() {
        List<Explanation.CreativeOutcome> creatives = new ArrayList<>();
        for (int k = 0; k < contexts.size(); k++) {
            ExplainContext context = contexts.get(k);
            for (int slot = 0; slot < found.focusEntries().length; slot++) {
                int e = found.focusEntries()[slot];
                Rule rule = found.focusRules()[k][slot];
                creatives.add(new Explanation.CreativeOutcome(index.creative(e).id(), context.mediaName(),
                        context.deal == null ? null : context.deal.id(), rule,
                        ExclusionDetails.of(rule, e, context, scene)));
            }
        }
        return creatives;
    }
}
