package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.auction.AuctionFixture.givenBidRequest;
import static org.fargatedsp.bidder.auction.AuctionFixture.request;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuctioneerTest {

    @Test
    void bidsWithTheHighestEligibleCampaign() {
        AuctionFixture f = new AuctionFixture(List.of(
                campaign("cheap").bid(1.0).build(),
                campaign("dear").bid(3.0).build(),
                campaign("mid").bid(2.0).build()));

        AuctionResult result = f.run(givenBidRequest(""));

        assertThat(result.bids()).isEqualTo(1);
        assertThat(f.campaignOf(0)).isEqualTo("dear");
        assertThat(result.priceMicros(0)).isEqualTo(3_000_000);
        assertThat(result.impIndex(0)).isZero();
        assertThat(result.dealId(0)).isNull();
    }

    @Test
    void answersNoMatchWithoutCampaigns() {
        AuctionFixture f = new AuctionFixture(List.of());

        assertThat(f.run(givenBidRequest("")).reason()).isEqualTo(NoBidReason.NO_MATCH);
    }

    @Test
    void leavesPausedCampaignsOut() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("paused").paused().bid(9).build(),
                campaign("live").bid(1).build()));

        f.run(givenBidRequest(""));

        assertThat(f.campaignOf(0)).isEqualTo("live");
    }

    @Nested
    class Floors {
        @Test
        void neverBidsBelowTheFloor() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(1.0).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":1.01,"banner":{"w":300,"h":250}}]}"""));

            assertThat(result.bids()).isZero();
            assertThat(result.reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
        }

        @Test
        void bidsExactlyAtTheFloor() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(0.03).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":0.03,"banner":{"w":300,"h":250}}]}"""));

            assertThat(result.bids()).isEqualTo(1);
        }

        @Test
        void convertsAFloorInAnotherCurrency() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(1.05).build()));

            AuctionResult below = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":1.0,"bidfloorcur":"EUR","banner":{"w":300,"h":250}}]}"""));

            assertThat(below.reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
        }

        @Test
        void readsTheFloorCurrencyInAnyCase() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(1.05).build()));

            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":1.0,"bidfloorcur":"usd","banner":{"w":300,"h":250}}]}"""))
                    .bids()).isEqualTo(1);
            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":1.0,"bidfloorcur":"eur","banner":{"w":300,"h":250}}]}"""))
                    .reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
        }

        @Test
        void skipsAnImpressionWhoseFloorCurrencyHasNoRate() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(5).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":0.1,"bidfloorcur":"JPY","banner":{"w":300,"h":250}}]}"""));

            assertThat(result.reason()).isEqualTo(NoBidReason.CURRENCY);
        }

        @Test
        void fallsToTheNextCampaignAboveTheFloorWhenTheBestIsOutOfBudget() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("best").bid(3).dailyBudget(1).build(),
                    campaign("next").bid(2).build()));
            f.ledger.spend("best", 1_000_000, AuctionFixture.NOW);

            f.run(givenBidRequest(""));

            assertThat(f.campaignOf(0)).isEqualTo("next");
        }
    }

    @Nested
    class Deals {
        private final AuctionFixture f = new AuctionFixture(List.of(
                campaign("deal").seat("Agency1").deals("AB-Agency1-0001").bid(3.0).build(),
                campaign("open").bid(4.0).build()));

        @Test
        void bidsOnlyDealsInAPrivateAuction() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":0.03,"banner":{"w":300,"h":250},
                     "pmp":{"private_auction":1,"deals":[{"id":"AB-Agency1-0001","bidfloor":2.5,"wseat":["Agency1"]}]}}]}"""));

            assertThat(f.campaignOf(0)).isEqualTo("deal");
            assertThat(result.dealId(0)).isEqualTo("AB-Agency1-0001");
        }

        @Test
        void neverBidsBelowTheDealFloor() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},
                     "pmp":{"private_auction":1,"deals":[{"id":"AB-Agency1-0001","bidfloor":3.5}]}}]}"""));

            assertThat(result.bids()).isZero();
            assertThat(result.reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
        }

        @Test
        void takesTheImpressionFloorForADealWithoutOne() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":3.5,"banner":{"w":300,"h":250},
                     "pmp":{"private_auction":1,"deals":[{"id":"AB-Agency1-0001"}]}}]}"""));

            assertThat(result.bids()).isZero();
        }

        @Test
        void respectsTheDealsBuyerSeats() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},
                     "pmp":{"private_auction":1,"deals":[{"id":"AB-Agency1-0001","wseat":["Agency2"]}]}}]}"""));

            assertThat(result.bids()).isZero();
        }

        @Test
        void respectsTheDealsAdvertiserDomains() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},
                     "pmp":{"private_auction":1,"deals":[{"id":"AB-Agency1-0001","wadomain":["other.example"]}]}}]}"""));

            assertThat(result.bids()).isZero();
        }

        @Test
        void choosesTheHigherOfDealAndOpenAuctionWhenTheAuctionIsOpen() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},
                     "pmp":{"private_auction":0,"deals":[{"id":"AB-Agency1-0001"}]}}]}"""));

            assertThat(f.campaignOf(0)).isEqualTo("open");
            assertThat(result.dealId(0)).isNull();
        }

        @Test
        void keepsDealCampaignsOutOfTheOpenAuction() {
            AuctionFixture dealOnly = new AuctionFixture(List.of(campaign("deal").deals("D1").bid(3).build()));

            assertThat(dealOnly.run(givenBidRequest("")).bids()).isZero();
        }

        @Test
        void prefersTheDealOnATie() {
            AuctionFixture tie = new AuctionFixture(List.of(campaign("a-open").bid(3).build(),
                    campaign("z-deal").deals("D1").bid(3).build()));

            AuctionResult result = tie.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"pmp":{"deals":[{"id":"D1"}]}}]}"""));

            assertThat(result.dealId(0)).isEqualTo("D1");
        }

        @Test
        void bidsOnADealWhoseIdIsSentAsANumberAndWhoseFloorHasNoCurrency() {
            AuctionFixture numbered = new AuctionFixture(List.of(campaign("deal").deals("20260101").bid(3).build()));

            AuctionResult result = numbered.run(request("""
                    {"id":"r","cur":["USD"],"imp":[{"id":"1","bidfloorcur":"EUR","bidfloor":1,
                     "banner":{"w":300,"h":250},
                     "pmp":{"private_auction":"1","deals":[{"id":20260101,"bidfloor":"2.99"}]}}]}"""));

            // The deal's floor is in the spec's default USD, not in the impression's EUR (2.99 EUR would be 3.29).
            assertThat(result.bids()).isEqualTo(1);
            assertThat(result.dealId(0)).isEqualTo("20260101");
        }

        @Test
        void skipsADealItCannotReadAndStillBidsTheOthers() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"pmp":{"private_auction":1,"deals":[
                     {"id":"XY-Agency2-0001","bidfloor":"two"},{"id":"AB-Agency1-0001","wseat":"Agency1"}]}}]}"""));

            assertThat(f.campaignOf(0)).isEqualTo("deal");
        }
    }

    @Nested
    class Unbiddable {
        private final AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(1).banner(300, 250).build()));

        @Test
        void bidsOnNoImpressionWhoseFloorOrSizeCouldNotBeReadAndOnTheOthers() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":-1,"banner":{"w":300,"h":250}},
                     {"id":"2","banner":{"w":"300px","h":250}},{"id":"3","banner":{"w":"300","h":"250"}}]}"""));

            assertThat(result.bids()).isEqualTo(1);
            assertThat(result.impIndex(0)).isEqualTo(2);
        }

        @Test
        void saysUnbiddableWhenNoImpressionCouldBeBidOn() {
            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":"cheap","banner":{"w":300,"h":250}}]}""")).reason())
                    .isEqualTo(NoBidReason.UNBIDDABLE);
        }

        @Test
        void bidsOnNothingWhenABlockListCouldNotBeRead() {
            AuctionResult result = f.run(givenBidRequest("\"bcat\":[\"IAB25\",{\"cat\":\"IAB26\"}]"));

            assertThat(result.bids()).isZero();
            assertThat(result.reason()).isEqualTo(NoBidReason.UNBIDDABLE);
        }

        @Test
        void reportsACloserMissOfAnotherImpressionOverUnbiddable() {
            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","bidfloor":-1,"banner":{"w":300,"h":250}},
                     {"id":"2","bidfloor":5,"banner":{"w":300,"h":250}}]}"""));

            assertThat(result.reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
        }
    }

    @Nested
    class Blocks {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "\"bcat\":[\"IAB3-1\"]",
            "\"bcat\":[\"IAB3\"]",
            "\"badv\":[\"Blocked.Example\"]",
            "\"bapp\":[\"com.blocked.app\"]",
            "\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250,\"battr\":[6]}}]"})
        void neverBidsWithABlockedCategoryAdvertiserAppOrAttribute(String block) {
            AuctionFixture f = new AuctionFixture(List.of(campaign("blocked").adomain("blocked.example")
                    .bundle("com.blocked.app").cat("IAB3-1").banner(300, 250, 6).bid(2).build()));

            AuctionResult result = f.run(block.startsWith("\"imp\"")
                    ? request("{\"id\":\"r\"," + block + "}") : givenBidRequest(block));

            assertThat(result.bids()).isZero();
            assertThat(result.reason()).isEqualTo(NoBidReason.BLOCKED);
        }

        @Test
        void aSubcategoryBlockLeavesItsSiblingsAlone() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").cat("IAB3-2").build()));

            assertThat(f.run(givenBidRequest("\"bcat\":[\"IAB3-1\"]")).bids()).isEqualTo(1);
        }

        @Test
        void bidsWithTheNextCampaignWhenTheBestIsBlocked() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("best").cat("IAB25").bid(5).build(),
                    campaign("clean").cat("IAB19").bid(1).build()));

            f.run(givenBidRequest("\"bcat\":[\"IAB25\"]"));

            assertThat(f.campaignOf(0)).isEqualTo("clean");
        }

        @Test
        void honoursTheRequestsBuyerSeatLists() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").seat("s1").build()));

            assertThat(f.run(givenBidRequest("\"wseat\":[\"s2\"]")).bids()).isZero();
            assertThat(f.run(givenBidRequest("\"bseat\":[\"s1\"]")).bids()).isZero();
            assertThat(f.run(givenBidRequest("\"wseat\":[\"s1\"]")).bids()).isEqualTo(1);
        }
    }

    @Nested
    class Currency {
        @Test
        void bidsOnlyInACurrencyTheRequestAllows() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").build()));

            assertThat(f.run(givenBidRequest("\"cur\":[\"EUR\"]")).reason()).isEqualTo(NoBidReason.CURRENCY);
            assertThat(f.run(givenBidRequest("\"cur\":[\"EUR\",\"USD\"]")).bids()).isEqualTo(1);
        }

        @Test
        void takesUsdAsTheDefaultOfARequestWithoutCurrencies() {
            AuctionFixture eur = new AuctionFixture(List.of(campaign("a").build()),
                    FxRates.parse("EUR", "", "FX_RATES", new java.util.ArrayList<>()));

            assertThat(eur.run(givenBidRequest("")).reason()).isEqualTo(NoBidReason.CURRENCY);
        }
    }

    @Nested
    class Creatives {
        @Test
        void matchesBannerSizesFromFormat() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").banner(728, 90).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"format":[{"w":320,"h":50},{"w":728,"h":90}]}}]}"""));

            assertThat(f.creativeOf(0)).isEqualTo("a-728x90");
            assertThat(result.bids()).isEqualTo(1);
        }

        @Test
        void neverBidsACreativeOfAnotherSize() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").banner(728, 90).build()));

            assertThat(f.run(givenBidRequest("")).reason()).isEqualTo(NoBidReason.NO_MATCH);
        }

        @Test
        void offersInterstitialSizesForAnUnsizedInterstitial() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").banner(320, 480).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","instl":1,"banner":{"w":0,"h":0}}]}"""));

            assertThat(result.bids()).isEqualTo(1);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"mimes\":[\"video/mp4\"],\"minduration\":5,\"maxduration\":30,\"protocols\":[2,3]} | true",
            "{\"mimes\":[\"video/webm\"],\"minduration\":5,\"maxduration\":30,\"protocols\":[2,3]} | false",
            "{\"mimes\":[\"video/mp4\"],\"minduration\":20,\"maxduration\":30,\"protocols\":[2,3]} | false",
            "{\"mimes\":[\"video/mp4\"],\"minduration\":5,\"maxduration\":10,\"protocols\":[2,3]} | false",
            "{\"mimes\":[\"video/mp4\"],\"protocols\":[7]} | false",
            "{\"mimes\":[\"video/mp4\"],\"protocol\":3} | true",
            "{\"mimes\":[\"VIDEO/MP4\"]} | true"})
        void fitsVideoByMimeDurationAndProtocol(String video, boolean bids) {
            AuctionFixture f = new AuctionFixture(List.of(campaign("v").video(15, List.of("video/mp4"), 2, 3)
                    .build()));

            AuctionResult result = f.run(request("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"video\":" + video + "}]}"));

            assertThat(result.bids()).isEqualTo(bids ? 1 : 0);
        }

        @Test
        void fitsAudioLikeVideo() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").audio(30, List.of("audio/mp4"), 2).build()));

            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","audio":{"mimes":["audio/mp4"],"maxduration":30}}]}""")).bids())
                    .isEqualTo(1);
            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","audio":{"mimes":["audio/mp4"],"maxduration":15}}]}""")).bids())
                    .isZero();
        }

        @Test
        void bidsNativeOnlyOnNativeImpressions() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

            assertThat(f.run(request("""
                    {"id":"r","imp":[{"id":"1","native":{"request":"{\\"assets\\":[{\\"id\\":1,\\"title\\":{}}]}"}}]}"""))
                    .bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest("")).bids()).isZero();
        }

        @Test
        void bidsOncePerImpressionWithTheBestCreative() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("banner").bid(1).build(),
                    campaign("video").video(15, List.of("video/mp4"), 2).bid(5).build()));

            AuctionResult result = f.run(request("""
                    {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"video":{"mimes":["video/mp4"]}},
                                     {"id":"2","banner":{"w":300,"h":250}}]}"""));

            assertThat(result.bids()).isEqualTo(2);
            assertThat(f.campaignOf(0)).isEqualTo("video");
            assertThat(f.campaignOf(1)).isEqualTo("banner");
            assertThat(result.impIndex(1)).isEqualTo(1);
        }
    }

    @Nested
    class Targeting {
        @ParameterizedTest
        @CsvSource({"USA, true", "usa, true", "US, true", "GBR, false", "'', false"})
        void targetsCountriesInAlpha3AndForgivesAlpha2(String country, boolean bids) {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").countries("USA").build()));

            AuctionResult result = f.run(givenBidRequest(country.isEmpty() ? ""
                    : "\"device\":{\"geo\":{\"country\":\"" + country + "\"}}"));

            assertThat(result.bids()).isEqualTo(bids ? 1 : 0);
        }

        @Test
        void targetsDeviceTypesAndOperatingSystems() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").deviceTypes(1, 4).os("ios").build()));

            assertThat(f.run(givenBidRequest("\"device\":{\"devicetype\":4,\"os\":\"iOS\"}")).bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest("\"device\":{\"devicetype\":2,\"os\":\"iOS\"}")).bids()).isZero();
            assertThat(f.run(givenBidRequest("\"device\":{\"devicetype\":4,\"os\":\"Android\"}")).bids()).isZero();
            assertThat(f.run(givenBidRequest("")).bids()).isZero();
        }

        @Test
        void allowListsMatchSubdomains() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").domains("foobar.com").build()));

            assertThat(f.run(givenBidRequest("\"site\":{\"domain\":\"www.FooBar.com\"}")).bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest("\"site\":{\"domain\":\"notfoobar.com\"}")).bids()).isZero();
            assertThat(f.run(givenBidRequest("")).bids()).isZero();
        }

        @Test
        void blockListsMatchSubdomains() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").blockedDomains("foobar.com").build()));

            assertThat(f.run(givenBidRequest("\"site\":{\"domain\":\"news.foobar.com\"}")).bids()).isZero();
            assertThat(f.run(givenBidRequest("\"site\":{\"domain\":\"other.com\"}")).bids()).isEqualTo(1);
        }

        @Test
        void targetsAndBlocksAppBundles() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("in").bundles("com.game").bid(2).build(),
                    campaign("out").blockedBundles("com.game").bid(1).build()));

            f.run(givenBidRequest("\"app\":{\"bundle\":\"com.game\"}"));
            assertThat(f.campaignOf(0)).isEqualTo("in");
            f.run(givenBidRequest("\"app\":{\"bundle\":\"com.other\"}"));
            assertThat(f.campaignOf(0)).isEqualTo("out");
        }

        @Test
        void targetsInventoryCategoriesWithParentsMatchingChildren() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("auto").inventoryCats("IAB2").build()));

            assertThat(f.run(givenBidRequest("\"site\":{\"cat\":[\"IAB2-1\"]}")).bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest("\"app\":{\"cat\":[\"IAB2\"]}")).bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest("\"site\":{\"cat\":[\"IAB3\"]}")).bids()).isZero();
        }

        @Test
        void runsOnlyDuringItsFlight() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").flight(1_000, 2_000).build()));

            assertThat(f.run(givenBidRequest(""), 1_500).bids()).isEqualTo(1);
            assertThat(f.run(givenBidRequest(""), 2_000).bids()).isZero();
            assertThat(f.run(givenBidRequest(""), 999).bids()).isZero();
        }
    }

    @Nested
    class Privacy {
        @Test
        void bidsOnCoppaTrafficOnlyWithCampaignsAllowedThere() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("adult").bid(3).build(),
                    campaign("kids").coppaAllowed().bid(1).build()));

            f.run(givenBidRequest("\"regs\":{\"coppa\":1}"));

            assertThat(f.campaignOf(0)).isEqualTo("kids");
        }

        @Test
        void needsAConsentStringWhenGdprApplies() {
            AuctionFixture f = new AuctionFixture(List.of(campaign("a").build()));

            assertThat(f.run(givenBidRequest("\"regs\":{\"gdpr\":1}")).reason()).isEqualTo(NoBidReason.NO_CONSENT);
            assertThat(f.run(givenBidRequest("\"regs\":{\"ext\":{\"gdpr\":1}},\"user\":{\"ext\":{\"consent\":\"C\"}}"))
                    .bids()).isEqualTo(1);
        }
    }

    @Test
    void reportsTheClosestMissAsTheReason() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").bid(1).cat("IAB25").build(),
                campaign("b").bid(0.5).build()));

        AuctionResult result = f.run(request("""
                {"id":"r","bcat":["IAB25"],"imp":[{"id":"1","bidfloor":0.8,"banner":{"w":300,"h":250}}]}"""));

        assertThat(result.reason()).isEqualTo(NoBidReason.BELOW_FLOOR);
    }
}
