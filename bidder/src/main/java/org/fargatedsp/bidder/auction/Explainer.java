package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Imp;

/**
 * Explains an auction: for each impression, what each campaign did and, when it did not bid, the first rule that
 * stopped it. A path of its own beside {@link Auctioneer#run}, which it leaves untouched: it builds the auction's
 * own query for each media and deal of the impression and walks every entry it matches through the auction's own
 * per-entry checks in bid order, so what it says bids is what the auction bids; the index sets the query combines
 * are relabeled ({@link LabeledSets}) only to name the rule that dropped each other entry. Allocates freely and
 * looks at every entry, unlike the auction; for the bid check, never for bidding. Thread-safe.
 */
public final class Explainer {
    /** Campaigns listed in full per impression; the others are counted by rule. */
    public static final int MAX_LISTED = 100;

    private final Auctioneer auctioneer;
    /** The campaigns of the last snapshot explained against: reloads are rare, so most checks reuse them. */
    private volatile Campaigns last;

    public Explainer(Auctioneer auctioneer) {
        this.auctioneer = auctioneer;
    }

    /**
     * @param focusCampaignId a campaign to explain in full, creative by creative, instead of listing the campaigns
     *     that passed the index; null for none. A campaign the snapshot does not hold is reported on no impression.
     */
    public Explanation explain(BidRequest request, CampaignSnapshot snapshot, long nowMillis, String focusCampaignId) {
        Campaigns campaigns = last;
        if (campaigns == null || campaigns.snapshot != snapshot) {
            campaigns = new Campaigns(snapshot);
            last = campaigns;
        }
        campaigns = campaigns.focusedOn(focusCampaignId);
        Rule requestRule = request.unbiddable() != null ? Rule.UNBIDDABLE
                : !auctioneer.currencyAllowed(request.cur()) ? Rule.CURRENCY
                : request.regs() != null && request.regs().gdprApplies() && !Auctioneer.hasConsent(request.user())
                        ? Rule.NO_CONSENT : null;
        CampaignIndex index = snapshot.index();
        EntryQuery query = new EntryQuery();
        query.reset(index);
        auctioneer.addRequestFilters(request, index, query);
        LabeledSets requestSets = LabeledSets.forRequest(request, index);
        List<Explanation.Imp> imps = new ArrayList<>();
        int[] unnamed = new int[1];
        for (Imp imp : request.imp()) {
            ExclusionDetails.Scene scene = new ExclusionDetails.Scene(request, imp, snapshot, nowMillis,
                    auctioneer.fx());
            Rule impRule = requestRule != null ? requestRule
                    : imp.unbiddable() != null ? Rule.UNBIDDABLE
                    : Double.isNaN(auctioneer.fx().convert(imp.bidfloor(), imp.bidfloorcur())) ? Rule.FLOOR_CURRENCY
                    : null;
            List<ExplainContext> contexts = impRule != null ? List.of()
                    : ExplainContext.of(imp, index, auctioneer.fx());
            if (impRule == null && contexts.isEmpty()) {
                impRule = Rule.NO_MEDIA;
            }
            imps.add(impRule != null ? unbiddable(imp, impRule, scene, campaigns)
                    : new ImpRun(scene, contexts, campaigns, query, requestSets).explain(unnamed));
        }
        return new Explanation(imps, unnamed[0]);
    }

    /** An impression nothing can bid on: every campaign counted under {@code rule}, paused ones as paused. */
    private static Explanation.Imp unbiddable(Imp imp, Rule rule, ExclusionDetails.Scene scene, Campaigns campaigns) {
        String reason = ExclusionDetails.of(rule, -1, null, scene);
        int[] counts = new int[Rule.VALUES.length];
        List<Explanation.CampaignOutcome> listed = new ArrayList<>();
        for (int c = 0; c < campaigns.all.size(); c++) {
            Campaign campaign = campaigns.all.get(c);
            Rule r = campaign.active() || rule.ordinal() < Rule.PAUSED.ordinal() ? rule : Rule.PAUSED;
            if (c == campaigns.focus) {
                listed.add(new Explanation.CampaignOutcome(campaign.id(), r, null, null, null, campaign.bidMicros(),
                        r == rule ? reason : ExclusionDetails.of(r, -1, null, scene), List.of()));
            } else {
                counts[r.ordinal()]++;
            }
        }
        return new Explanation.Imp(imp.id(), false, reason, listed, summary(counts), 0);
    }

    /** Counts by rule tag, in rule order; rules sharing a tag are added up. */
    static Map<String, Integer> summary(int[] counts) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Rule rule : Rule.VALUES) {
            if (counts[rule.ordinal()] > 0) {
                summary.merge(rule.tag(), counts[rule.ordinal()], Integer::sum);
            }
        }
        return summary;
    }

    /** A snapshot's campaigns by position, the campaign of each index entry, and the campaign asked about. */
    static final class Campaigns {
        final CampaignSnapshot snapshot;
        final List<Campaign> all;
        final int[] ofEntry;
        /** Position of the campaign asked about; -1 for none. */
        final int focus;

        Campaigns(CampaignSnapshot snapshot) {
            this.snapshot = snapshot;
            all = snapshot.campaigns();
            Map<Campaign, Integer> position = new IdentityHashMap<>(all.size() * 2);
            for (int c = 0; c < all.size(); c++) {
                position.put(all.get(c), c);
            }
            CampaignIndex index = snapshot.index();
            ofEntry = new int[index.size()];
            for (int e = 0; e < ofEntry.length; e++) {
                ofEntry[e] = position.get(index.campaign(e));
            }
            focus = -1;
        }

        private Campaigns(Campaigns of, int focus) {
            this.snapshot = of.snapshot;
            this.all = of.all;
            this.ofEntry = of.ofEntry;
            this.focus = focus;
        }

        /** These campaigns with {@code campaignId} asked about; themselves for null or a campaign not loaded. */
        Campaigns focusedOn(String campaignId) {
            Campaign campaign = campaignId == null ? null : snapshot.campaign(campaignId);
            return campaign == null ? this : new Campaigns(this, all.indexOf(campaign));
        }

        /** The entries of the campaign asked about, in bid order; empty without one. */
        int[] focusEntries() {
            return focus < 0 ? new int[0] : java.util.stream.IntStream.range(0, ofEntry.length)
                    .filter(e -> ofEntry[e] == focus).toArray();
        }
    }

    /** The rule an entry that the query matches meets first among the auction's per-entry checks, in scan order. */
    static Rule entryRule(int e, ExplainContext context, ExclusionDetails.Scene s) {
        CampaignIndex index = s.snapshot().index();
        if (Double.isNaN(context.floor)) {
            return Rule.DEAL_FLOOR_CURRENCY;
        }
        if (index.bidMicros(e) < context.floorMicros()) {
            return Rule.BELOW_FLOOR;
        }
        Campaign campaign = index.campaign(e);
        if (!campaign.inFlight(s.nowMillis())) {
            return Rule.FLIGHT;
        }
        if (!context.media.fits(index.creative(e), s.imp())) {
            return ExclusionDetails.fitRule(context.media, index.creative(e), s.imp());
        }
        if (!Seats.allowed(campaign, context.deal, s.request())) {
            return ExclusionDetails.seatRule(campaign, context.deal, s.request());
        }
        if (!s.snapshot().budget(e).allows(CampaignBudget.impressionCost(index.bidMicros(e)), s.nowMillis())) {
            return Rule.BUDGET;
        }
        return Rule.OUTBID;
    }

    /** The explanation of one biddable impression: its passes, then the outcome of each campaign. */
    private static final class ImpRun {
        private final ExclusionDetails.Scene scene;
        private final List<ExplainContext> contexts;
        private final Campaigns campaigns;
        private final EntryQuery query;
        private final LabeledSets requestSets;
        private final CampaignIndex index;
        private final CampaignOutcomes.Findings found;

        ImpRun(ExclusionDetails.Scene scene, List<ExplainContext> contexts, Campaigns campaigns, EntryQuery query,
                LabeledSets requestSets) {
            this.scene = scene;
            this.contexts = contexts;
            this.campaigns = campaigns;
            this.query = query;
            this.requestSets = requestSets;
            this.index = scene.snapshot().index();
            this.found = CampaignOutcomes.Findings.of(index.size(), contexts.size(), campaigns.focusEntries());
        }

        Explanation.Imp explain(int[] unnamed) {
            for (int k = 0; k < contexts.size(); k++) {
                unnamed[0] += pass(k);
            }
            int winner = -1;
            int winnerPass = -1;
            for (int k = 0; k < contexts.size(); k++) {
                int pick = contexts.get(k).pick;
                // As the auction decides: strictly higher wins, so at equal prices the first considered stays.
                if (pick >= 0 && (winner < 0 || index.bidMicros(pick) > index.bidMicros(winner))) {
                    winner = pick;
                    winnerPass = k;
                }
            }
            if (winner >= 0) {
                found.best()[winner] = Rule.WON.ordinal();
                found.bestPass()[winner] = winnerPass;
                int slot = Arrays.binarySearch(found.focusEntries(), winner);
                if (slot >= 0) {
                    found.focusRules()[winnerPass][slot] = Rule.WON;
                }
            }
            ExclusionDetails.Scene withWinner = scene.withWinner(winner, winnerPass < 0 ? null
                    : contexts.get(winnerPass));
            return new CampaignOutcomes(withWinner, contexts, campaigns, found).imp();
        }

        /** One pass: which rule drops each entry, then the per-entry checks of what the query matches. */
        private int pass(int k) {
            ExplainContext context = contexts.get(k);
            long[] remaining = index.all().clone();
            LabeledSets.Dropped note = (e, rule) -> note(e, rule, k);
            requestSets.apply(remaining, note);
            LabeledSets.forContext(context, scene.imp(), index).apply(remaining, note);
            long[] real = matches(context);
            int disagreements = 0;
            for (int w = 0; w < real.length; w++) {
                disagreements += Long.bitCount(real[w] ^ remaining[w]);
                for (long only = remaining[w] & ~real[w]; only != 0; only &= only - 1) {
                    note((w << 6) + Long.numberOfTrailingZeros(only), Rule.UNNAMED, k);
                }
                found.matched()[w] |= real[w];
                for (long bits = real[w]; bits != 0; bits &= bits - 1) {
                    int e = (w << 6) + Long.numberOfTrailingZeros(bits);
                    Rule rule = entryRule(e, context, scene);
                    note(e, rule, k);
                    if (rule == Rule.OUTBID && context.pick < 0) {
                        context.pick = e;
                    }
                }
            }
            return disagreements;
        }

        /** The entries the auction's own query matches in this pass (none for a private auction's open pass). */
        private long[] matches(ExplainContext context) {
            long[] bits = new long[index.all().length];
            if (context.deal == null && !context.open) {
                return bits;
            }
            query.mark();
            context.media.addFilters(scene.imp(), index, query);
            query.and(context.deal != null ? index.deal(context.deal.id()) : index.openAuction());
            for (int e = query.next(0); e >= 0; e = query.next(e + 1)) {
                bits[e >>> 6] |= 1L << e;
            }
            query.restore();
            return bits;
        }

        /** Entry {@code e} reached {@code rule} in pass {@code k}: kept when it is the furthest yet. */
        private void note(int e, Rule rule, int k) {
            if (rule.ordinal() > found.best()[e]) {
                found.best()[e] = rule.ordinal();
                found.bestPass()[e] = k;
            }
            int slot = found.focusEntries().length == 0 ? -1 : Arrays.binarySearch(found.focusEntries(), e);
            Rule[] rules = slot < 0 ? null : found.focusRules()[k];
            if (rules != null && (rules[slot] == null || rule.ordinal() > rules[slot].ordinal())) {
                rules[slot] = rule;
            }
        }
    }
}
