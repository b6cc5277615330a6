package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.openrtb.Deal;
import org.fargatedsp.bidder.openrtb.Imp;

/**
 * One pass of the auction over an impression: one media object and one deal, or the open auction. The auction
 * scans each for its first eligible entry and keeps the highest of them (a deal, considered first, wins a tie).
 * In a private auction the explainer keeps an open-auction pass that nothing passes, so that every campaign is
 * placed against the impression's targeting and media even when none of its deals is targeted.
 */
final class ExplainContext {
    final MediaFit media;
    /** Null for the open auction. */
    final Deal deal;
    /** False for the open-auction pass of a private auction. */
    final boolean open;
    /** The floor that applies, as sent, and in the bidder's currency (NaN without a rate). */
    final double sentFloor;
    final String sentCurrency;
    final double floor;
    /** The first eligible entry in bid order; -1 when none. */
    int pick = -1;

    private ExplainContext(MediaFit media, Deal deal, boolean open, double sentFloor, String sentCurrency,
            double floor) {
        this.media = media;
        this.deal = deal;
        this.open = open;
        this.sentFloor = sentFloor;
        this.sentCurrency = sentCurrency;
        this.floor = floor;
    }

    /**
     * The passes of {@code imp}, in the order the auction makes them: by media, each deal that some campaign targets
     * (a deal repeated with the same terms once: it can only tie with itself), then the open auction.
     */
    static List<ExplainContext> of(Imp imp, CampaignIndex index, FxRates fx) {
        List<ExplainContext> contexts = new ArrayList<>();
        double impFloor = fx.convert(imp.bidfloor(), imp.bidfloorcur());
        boolean privateAuction = imp.pmp() != null && imp.pmp().private_auction() == 1;
        for (MediaFit media : MediaFit.VALUES) {
            if (!media.present(imp)) {
                continue;
            }
            Set<Deal> seen = new HashSet<>();
            List<Deal> deals = imp.pmp() == null || imp.pmp().deals() == null ? List.of() : imp.pmp().deals();
            for (Deal deal : deals) {
                if (index.deal(deal.id()) == null || !seen.add(deal)) {
                    continue;
                }
                contexts.add(deal.bidfloor() > 0
                        ? new ExplainContext(media, deal, true, deal.bidfloor(), deal.bidfloorcur(),
                                fx.convert(deal.bidfloor(), deal.bidfloorcur()))
                        : new ExplainContext(media, deal, true, imp.bidfloor(), imp.bidfloorcur(), impFloor));
            }
            contexts.add(new ExplainContext(media, null, !privateAuction, imp.bidfloor(), imp.bidfloorcur(), impFloor));
        }
        return contexts;
    }

    /** {@code banner}, {@code video}, {@code audio} or {@code native}. */
    String mediaName() {
        return media.name().toLowerCase(java.util.Locale.ROOT);
    }

    long floorMicros() {
        return Auctioneer.toMicros(floor);
    }
}
