package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.auction.AuctionFixture.request;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which native creatives fit which native requests. The creative of the table is {@link TestCampaigns#nativeAd()}:
 * a 14-character title, a 1200x627 JPEG main image, an 80x80 PNG icon, sponsor (data type 1, one character) and
 * description (type 2, 18 characters), no call to action (type 12) and no logo (image type 2).
 */
class NativeMatchingTest {
    private final AuctionFixture fixture = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "title within len              | {\"id\":1,\"required\":1,\"title\":{\"len\":90}}                 | bids",
        "title of exactly len          | {\"id\":1,\"required\":1,\"title\":{\"len\":14}}                 | bids",
        "title over len                | {\"id\":1,\"required\":1,\"title\":{\"len\":13}}                 | no bid",
        "title without len             | {\"id\":1,\"required\":1,\"title\":{}}                          | bids",
        "optional title over len       | {\"id\":1,\"title\":{\"len\":5}},{\"id\":2,\"required\":1,\"img\":{\"type\":3}} | bids",
        "main image of the exact size  | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"w\":1200,\"h\":627}} | bids",
        "main image of another size    | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"w\":1200,\"h\":628}} | no bid",
        "main image above the minimum  | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"wmin\":600,\"hmin\":314}} | bids",
        "main image at the minimum     | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"wmin\":1200,\"hmin\":627}} | bids",
        "main image below the minimum  | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"wmin\":1300,\"hmin\":314}} | no bid",
        "minimum wins over w           | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"w\":1000,\"wmin\":600,\"h\":627}} | bids",
        "exact width, minimum height   | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"w\":1200,\"hmin\":600}} | bids",
        "icon of the exact size        | {\"id\":3,\"required\":1,\"img\":{\"type\":1,\"w\":80,\"h\":80}}   | bids",
        "icon below the minimum        | {\"id\":3,\"required\":1,\"img\":{\"type\":1,\"wmin\":100,\"hmin\":100}} | no bid",
        "a logo the creative lacks     | {\"id\":3,\"required\":1,\"img\":{\"type\":2}}                  | no bid",
        "an image of any type          | {\"id\":3,\"required\":1,\"img\":{\"w\":80,\"h\":80}}             | bids",
        "an image type unknown         | {\"id\":3,\"required\":1,\"img\":{\"type\":9}}                  | no bid",
        "a mime the image has          | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"mimes\":[\"image/png\",\"image/jpeg\"]}} | bids",
        "a mime the image lacks        | {\"id\":2,\"required\":1,\"img\":{\"type\":3,\"mimes\":[\"image/png\"]}} | no bid",
        "mimes in another case         | {\"id\":3,\"required\":1,\"img\":{\"type\":1,\"mimes\":[\"IMAGE/PNG\"]}} | bids",
        "sponsor within len            | {\"id\":4,\"required\":1,\"data\":{\"type\":1,\"len\":25}}        | bids",
        "description over len          | {\"id\":5,\"required\":1,\"data\":{\"type\":2,\"len\":10}}        | no bid",
        "a data type the creative lacks | {\"id\":6,\"required\":1,\"data\":{\"type\":12}}                | no bid",
        "optional data it lacks        | {\"id\":1,\"required\":1,\"title\":{}},{\"id\":6,\"data\":{\"type\":12}} | bids",
        "only optional assets it lacks | {\"id\":6,\"data\":{\"type\":12}},{\"id\":3,\"img\":{\"type\":2}}     | no bid",
        "only optional assets it has   | {\"id\":1,\"title\":{}},{\"id\":6,\"data\":{\"type\":12}}          | bids",
        "everything of the 1.2 example | {\"id\":123,\"required\":1,\"title\":{\"len\":140}},{\"id\":128,\"img\":{\"wmin\":836,\"hmin\":627,\"type\":3}},{\"id\":124,\"required\":1,\"img\":{\"wmin\":50,\"hmin\":50,\"type\":1}},{\"id\":126,\"required\":1,\"data\":{\"type\":1,\"len\":25}},{\"id\":127,\"required\":1,\"data\":{\"type\":2,\"len\":140}} | bids"})
    void bidsOnlyWhenTheCreativeFillsEveryRequiredAssetAndAtLeastOne(String rule, String assets, String outcome) {
        AuctionResult result = fixture.run(givenNativeBidRequest("{\"ver\":\"1.2\",\"assets\":[" + assets + "]}"));

        assertThat(result.bids() == 1 ? "bids" : "no bid").isEqualTo(outcome);
    }

    /** Native assets were not matched at all: any native creative bid on any native impression. */
    @Test
    void aNativeCreativeThatLacksARequiredAssetNoLongerBids() {
        AuctionFixture f = new AuctionFixture(List.of(
                campaign("title-only").bid(5).nativeAd("native", new NativeAd("Title only", List.of(), List.of(),
                        new NativeAd.Link("https://t.example/", List.of()), List.of(), List.of())).build(),
                campaign("complete").bid(1).nativeAd().build()));

        AuctionResult result = f.run(givenNativeBidRequest(
                "{\"assets\":[{\"id\":1,\"required\":1,\"title\":{}},{\"id\":2,\"required\":1,\"img\":{\"type\":3}}]}"));

        assertThat(result.bids()).isEqualTo(1);
        assertThat(f.campaignOf(0)).isEqualTo("complete");
    }

    @Test
    void checksSizesAndLengthsPerRequestAfterTheIndexSettledTheKinds() {
        AuctionFixture f = new AuctionFixture(List.of(
                campaign("long-title").bid(5).nativeAd("native", new NativeAd("A title far too long for the slot",
                        List.of(), List.of(), new NativeAd.Link("https://l.example/", List.of()), List.of(), List.of()))
                        .build(),
                campaign("short-title").bid(1).nativeAd("native", new NativeAd("Short", List.of(), List.of(),
                        new NativeAd.Link("https://s.example/", List.of()), List.of(), List.of())).build()));

        AuctionResult result = f.run(givenNativeBidRequest("{\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":10}}]}"));

        assertThat(f.campaignOf(0)).isEqualTo("short-title");
        assertThat(result.priceMicros(0)).isEqualTo(1_000_000);
    }

    @Test
    void respectsTheBlockedAttributesOfTheNativeObject() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd("native",
                TestCampaigns.typicalNativeAd("n"), 3).build()));

        AuctionResult result = f.run(request("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"battr\":[3],\"request\":"
                + quoted("{\"assets\":[{\"id\":1,\"title\":{}}]}") + "}}]}"));

        assertThat(result.bids()).isZero();
        assertThat(result.reason()).isEqualTo(NoBidReason.BLOCKED);
    }

    @Test
    void stillBidsTheBannerOfAnImpressionWhoseNativeRequestCannotBeRead() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("native").bid(5).nativeAd().build(),
                campaign("banner").bid(1).banner(300, 250).build()));

        AuctionResult result = f.run(request("""
                {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"native":{"request":"{\\"assets\\":[ ... ]}"}}]}"""));

        assertThat(result.bids()).isEqualTo(1);
        assertThat(f.campaignOf(0)).isEqualTo("banner");
    }

    static BidRequest givenNativeBidRequest(String nativeRequest) {
        return request("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":" + quoted(nativeRequest) + "}}]}");
    }

    static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
