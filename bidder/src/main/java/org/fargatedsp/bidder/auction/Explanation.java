package org.fargatedsp.bidder.auction;

import java.util.List;
import java.util.Map;

/**
 * Why an auction bid as it did, impression by impression and campaign by campaign: what {@link Explainer} finds.
 *
 * @param imps one per impression of the request, in its order
 * @param unnamed how many times an index set excluded an entry the explainer could not name, or the explainer's
 *     sets and the index disagreed: always 0 unless there is a bug, which the check then reports as rule
 *     {@code unnamed}
 */
public record Explanation(List<Imp> imps, int unnamed) {

    /**
     * One impression.
     *
     * @param biddable whether anything could bid on it at all; {@code reason} says why not
     * @param campaigns every campaign that passed the index's targeting, block lists, media and deal rules (at most
     *     {@link Explainer#MAX_LISTED}, the bid first, then in bid order), or the one campaign asked about
     * @param excludedSummary the other campaigns, counted by the rule that excluded them, in {@link Rule} order
     * @param unlisted campaigns that passed the index but were left out of {@code campaigns} for the limit; they are
     *     counted in {@code excludedSummary}
     */
    public record Imp(String id, boolean biddable, String reason, List<CampaignOutcome> campaigns,
            Map<String, Integer> excludedSummary, int unlisted) {}

    /**
     * What one campaign did on one impression: {@code rule} {@link Rule#WON} is the bid sent, any other is the rule
     * that stopped its closest creative.
     *
     * @param creativeId the creative the outcome is about; null when the campaign has none indexed
     * @param media {@code banner}, {@code video}, {@code audio} or {@code native}, of the context it got furthest in
     * @param dealId the deal of that context; null in the open auction
     * @param priceMicros the campaign's bid, CPM micros of the bidder's currency
     * @param creatives each creative in each context, when this campaign was asked about; otherwise empty
     */
    public record CampaignOutcome(String campaignId, Rule rule, String creativeId, String media, String dealId,
            long priceMicros, String detail, List<CreativeOutcome> creatives) {

        public boolean bid() {
            return rule == Rule.WON;
        }
    }

    /** One creative of the campaign asked about, in one media and deal (null: open auction) of the impression. */
    public record CreativeOutcome(String creativeId, String media, String dealId, Rule rule, String detail) {}
}
