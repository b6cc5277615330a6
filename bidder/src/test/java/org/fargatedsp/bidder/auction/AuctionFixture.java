package org.fargatedsp.bidder.auction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;

/** Runs auctions in tests: campaigns in, a request as JSON, the result out. */
final class AuctionFixture {
    static final long NOW = 1_800_000_000_000L;
    private static final BidRequestDecoder DECODER = new BidRequestDecoder(100, 1 << 20);

    final BudgetLedger ledger = new BudgetLedger();
    final CampaignSnapshot snapshot;
    final Auctioneer auctioneer;
    final EntryQuery query = new EntryQuery();
    final AuctionResult result = new AuctionResult();

    AuctionFixture(List<Campaign> campaigns) {
        this(campaigns, FxRates.parse("USD", "EUR=1.10", "FX_RATES", new java.util.ArrayList<>()));
    }

    AuctionFixture(List<Campaign> campaigns, FxRates fx) {
        this.snapshot = new CampaignSnapshot(campaigns, ledger, NOW, "test");
        this.auctioneer = new Auctioneer(fx);
    }

    static BidRequest request(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return DECODER.decode(bytes, 0, bytes.length);
    }

    /** A request for one 300x250 banner with the given extra top-level fields, e.g. {@code "bcat":["IAB1"]}. */
    static BidRequest givenBidRequest(String extraFields) {
        return request("{\"id\":\"req-1\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
    }

    AuctionResult run(BidRequest request) {
        return run(request, NOW);
    }

    AuctionResult run(BidRequest request, long nowMillis) {
        auctioneer.run(request, snapshot, nowMillis, query, result);
        return result;
    }

    /** The campaign id of bid {@code i}. */
    String campaignOf(int i) {
        return snapshot.index().campaign(result.entry(i)).id();
    }

    String creativeOf(int i) {
        return snapshot.index().creative(result.entry(i)).id();
    }
}
