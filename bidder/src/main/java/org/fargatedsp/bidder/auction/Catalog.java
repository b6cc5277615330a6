package org.fargatedsp.bidder.auction;

import org.fargatedsp.bidder.campaign.CampaignSnapshot;

/** What auctions run against: a campaign snapshot and its pre-encoded bid templates, swapped as one. */
public record Catalog(CampaignSnapshot snapshot, BidTemplates templates) {

    /** Indexes and encodes {@code snapshot}: the slow part of a campaign reload, done off the event loops. */
    public static Catalog of(CampaignSnapshot snapshot) {
        return new Catalog(snapshot, new BidTemplates(snapshot.index()));
    }
}
