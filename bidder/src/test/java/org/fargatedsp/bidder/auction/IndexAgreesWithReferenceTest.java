package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed auction and the plain one-by-one {@link ReferenceAuction} choose the same bids for thousands of
 * random requests against random campaigns ({@link RandomAuctions}). The seeds are fixed: a failure names the seed
 * and the request.
 */
class IndexAgreesWithReferenceTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void choosesTheSameBidsAsTheReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Campaign> campaigns = RandomAuctions.campaigns(60 + random.nextInt(200), random);
        AuctionFixture fixture = new AuctionFixture(campaigns);
        ReferenceAuction reference = new ReferenceAuction(campaigns,
                FxRates.parse("USD", "EUR=1.10", "FX_RATES", new ArrayList<>()));
        int bids = 0;
        long nativeBids = 0;
        for (int n = 0; n < 1500; n++) {
            String json = RandomAuctions.request(random);
            BidRequest request = AuctionFixture.request(json);

            AuctionResult result = fixture.run(request);
            List<ReferenceAuction.Choice> expected = reference.run(request, AuctionFixture.NOW);

            List<ReferenceAuction.Choice> actual = new ArrayList<>();
            for (int i = 0; i < result.bids(); i++) {
                actual.add(new ReferenceAuction.Choice(result.impIndex(i), fixture.campaignOf(i),
                        fixture.creativeOf(i), result.dealId(i), result.priceMicros(i)));
            }
            assertThat(actual).as("seed %d, request %s", seed, json).isEqualTo(expected);
            bids += actual.size();
            nativeBids += actual.stream().filter(c -> c.creative().contains("-native-")).count();
        }
        assertThat(bids).as("the random requests must win some bids to test anything").isGreaterThan(100);
        assertThat(nativeBids).as("and some native bids, to test the native rules").isGreaterThan(10);
    }
}
