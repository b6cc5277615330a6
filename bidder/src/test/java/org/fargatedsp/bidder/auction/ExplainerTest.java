package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule an auction applies, named by {@link Explainer} with a detail that shows both sides of it. */
class ExplainerTest {
    private static final String BANNER = "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}";
    private static final String VIDEO = "{\"id\":\"1\",\"video\":{\"mimes\":[\"video/mp4\"],\"maxduration\":20,"
            + "\"protocols\":[2]}}";

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("size", c -> c.banner(728, 90), BANNER, "", "is 728x90; the impression takes 300x250"),
                rule("media_type", c -> c.video(15, List.of("video/mp4"), 2), BANNER, "",
                        "is video; the impression offers banner"),
                rule("country", c -> c.countries("USA"), BANNER, "\"device\":{\"geo\":{\"country\":\"DE\"}}",
                        "targets countries [USA]; the request's device.geo.country is \"DE\""),
                rule("device_type", c -> c.deviceTypes(4), BANNER, "\"device\":{\"devicetype\":2}",
                        "device.devicetype is 2"),
                rule("os", c -> c.os("ios"), BANNER, "\"device\":{\"os\":\"Android\"}", "device.os is \"Android\""),
                rule("bundle", c -> c.bundles("com.a"), BANNER, "\"app\":{\"bundle\":\"com.b\"}",
                        "targets app bundles [com.a]; the request's app.bundle is \"com.b\""),
                rule("blocked_bundle", c -> c.blockedBundles("com.b"), BANNER, "\"app\":{\"bundle\":\"com.b\"}",
                        "blocks the request's app.bundle \"com.b\""),
                rule("domain", c -> c.domains("a.com"), BANNER, "\"site\":{\"domain\":\"b.com\"}",
                        "targets domains [a.com]; the request's domain is \"b.com\""),
                rule("blocked_domain", c -> c.blockedDomains("foo.com"), BANNER,
                        "\"site\":{\"domain\":\"www.foo.com\"}",
                        "blocks domains [foo.com], which cover the request's domain \"www.foo.com\""),
                rule("inventory_category", c -> c.inventoryCats("IAB2"), BANNER, "\"site\":{\"cat\":[\"IAB3-1\"]}",
                        "targets inventory categories [IAB2]; the request's site or app cat is [IAB3-1]"),
                rule("coppa", c -> c, BANNER, "\"regs\":{\"coppa\":1}", "not coppa_allowed"),
                rule("blocked_category", c -> c.cat("IAB3-1"), BANNER, "\"bcat\":[\"IAB3\"]",
                        "its categories [IAB3-1] are blocked by bcat [IAB3]"),
                rule("blocked_advertiser", c -> c.adomain("a.example"), BANNER, "\"badv\":[\"A.example\"]",
                        "is blocked by badv [A.example]"),
                rule("blocked_app", c -> c.bundle("com.x"), BANNER, "\"bapp\":[\"com.x\"]", "\"com.x\" is blocked"),
                rule("blocked_attribute", c -> c.banner(300, 250, 3), "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250,"
                        + "\"battr\":[3]}}", "", "has attributes [3], blocked by the banner's battr"),
                rule("deal", c -> c.deals("D1"), BANNER, "",
                        "bids only in deals [D1]; the impression offers no deal and the open auction"),
                rule("deal", c -> c, "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},\"pmp\":{\"private_auction\":1,"
                        + "\"deals\":[{\"id\":\"D9\"}]}}", "",
                        "targets no deal; the impression offers deals [D9], in a private auction (deals only)"),
                rule("below_floor", c -> c.bid(1), "{\"id\":\"1\",\"bidfloor\":1,\"bidfloorcur\":\"EUR\","
                        + "\"banner\":{\"w\":300,\"h\":250}}", "",
                        "bids 1.00 USD, below the impression's floor of 1.10 USD (1 EUR at FX_RATES)"),
                rule("below_floor", c -> c.bid(1).deals("D1"), "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},"
                        + "\"pmp\":{\"deals\":[{\"id\":\"D1\",\"bidfloor\":2}]}}", "",
                        "bids 1.00 USD, below deal D1's floor of 2.00 USD"),
                rule("floor_currency", c -> c.deals("D1"), "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},"
                        + "\"pmp\":{\"deals\":[{\"id\":\"D1\",\"bidfloor\":2,\"bidfloorcur\":\"JPY\"}]}}", "",
                        "deal D1's floor 2 JPY cannot be compared: FX_RATES has no rate for JPY"),
                rule("flight", c -> c.flight(AuctionFixture.NOW + 1, AuctionFixture.NOW + 2), BANNER, "",
                        "flies from 2027-01-15T08:00:00.001Z"),
                rule("mimes", c -> c.video(15, List.of("video/webm"), 2), VIDEO, "",
                        "plays [video/webm]; the video takes mimes [video/mp4]"),
                rule("duration", c -> c.video(30, List.of("video/mp4"), 2), VIDEO, "",
                        "lasts 30 s; the video takes at most 20 s"),
                rule("protocols", c -> c.video(15, List.of("video/mp4"), 3, 6), VIDEO, "",
                        "supports protocols [3, 6]; the video takes protocols [2]"),
                rule("native_assets", TestCampaigns::nativeAd, "{\"id\":\"1\",\"native\":{\"request\":{\"assets\":["
                        + "{\"id\":7,\"required\":1,\"title\":{\"len\":5}}]}}}", "",
                        "cannot fill required asset 7 (a title of at most 5 characters)"),
                rule("seat", c -> c.seat("s1"), BANNER, "\"wseat\":[\"s2\"]",
                        "its seat \"s1\" is not in the request's wseat [s2]"),
                rule("deal_advertiser", c -> c.deals("D1").adomain("a.example"), "{\"id\":\"1\",\"banner\":"
                        + "{\"w\":300,\"h\":250},\"pmp\":{\"deals\":[{\"id\":\"D1\",\"wadomain\":[\"b.example\"]}]}}",
                        "",
                        "its adomain [a.example] is not in deal D1's wadomain [b.example]"),
                rule("paused", TestCampaigns::paused, BANNER, "", "the campaign's status is paused"),
                rule("currency", c -> c, BANNER, "\"cur\":[\"EUR\"]",
                        "the request's cur [EUR] and the bidder bids only in USD"),
                rule("no_consent", c -> c, BANNER, "\"regs\":{\"gdpr\":1}", "no consent string"),
                rule("floor_currency", c -> c, "{\"id\":\"1\",\"bidfloor\":1,\"bidfloorcur\":\"JPY\","
                        + "\"banner\":{\"w\":300,\"h\":250}}", "", "FX_RATES has no rate for JPY"));
    }

    private static Arguments rule(String tag, UnaryOperator<TestCampaigns> setup, String imp,
            String extra, String detail) {
        return Arguments.of(tag, setup, imp, extra, detail);
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("rules")
    void namesTheRuleThatStopsACampaignWithBothSidesOfIt(String tag, UnaryOperator<TestCampaigns>
            setup, String imp, String extra, String detail) {
        AuctionFixture f = new AuctionFixture(List.of(setup.apply(campaign("a")).build()));

        Explanation.CampaignOutcome outcome = explain(f, imp, extra, "a").campaigns().get(0);

        assertThat(outcome.rule().tag()).isEqualTo(tag);
        assertThat(outcome.bid()).isFalse();
        assertThat(outcome.detail()).contains(detail);
    }

    @Test
    void namesASpentBudget() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").dailyBudget(5).build()));
        f.ledger.spend("a", 5_000_000, AuctionFixture.NOW);

        Explanation.CampaignOutcome outcome = explain(f, BANNER, "", null).campaigns().get(0);

        assertThat(outcome.rule()).isEqualTo(Rule.BUDGET);
        assertThat(outcome.detail()).isEqualTo("has spent 5.00 of its daily budget of 5.00 USD on 2027-01-15 (UTC)");
    }

    @Test
    void namesTheBudgetEvenPacingHoldsBack() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").dailyBudget(30).build()));
        f.ledger.spend("a", 11_000_000, AuctionFixture.NOW);

        Explanation.CampaignOutcome outcome = explain(f, BANNER, "", null).campaigns().get(0);

        // 08:00 UTC: a third of the day's 30, plus a burst of 2%.
        assertThat(outcome.rule()).isEqualTo(Rule.BUDGET);
        assertThat(outcome.detail()).isEqualTo("has spent 11.00 of the 10.60 that even pacing allows by now out of its"
                + " daily budget of 30.00 USD on 2027-01-15 (UTC)");
    }

    @Test
    void listsTheBidFirstAndSaysWhomTheOthersLostTo() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("low").bid(1).build(), campaign("high").bid(2).build(),
                campaign("far").countries("FRA").build()));

        Explanation.Imp imp = explain(f, BANNER, "", null);

        assertThat(imp.campaigns()).extracting(Explanation.CampaignOutcome::campaignId).containsExactly("high", "low");
        assertThat(imp.campaigns().get(0).bid()).isTrue();
        assertThat(imp.campaigns().get(0).priceMicros()).isEqualTo(2_000_000);
        assertThat(imp.campaigns().get(1).rule()).isEqualTo(Rule.OUTBID);
        assertThat(imp.campaigns().get(1).detail()).isEqualTo("eligible at 1.00; campaign high (creative high-300x250)"
                + " bid 2.00");
        assertThat(imp.excludedSummary()).isEqualTo(Map.of("country", 1));
    }

    @Test
    void listsAtMostMaxListedCampaignsAndCountsTheRestByRule() {
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < Explainer.MAX_LISTED + 30; i++) {
            campaigns.add(campaign("c" + i).bid(1 + i / 1000.0).build());
        }
        campaigns.add(campaign("video").video(15, List.of("video/mp4"), 2).build());

        Explanation.Imp imp = explain(new AuctionFixture(campaigns), BANNER, "", null);

        assertThat(imp.campaigns()).hasSize(Explainer.MAX_LISTED);
        assertThat(imp.campaigns().get(0).campaignId()).isEqualTo("c" + (Explainer.MAX_LISTED + 29));
        assertThat(imp.unlisted()).isEqualTo(30);
        assertThat(imp.excludedSummary()).isEqualTo(Map.of("media_type", 1, "outbid", 30));
    }

    @Test
    void explainsTheCampaignAskedAboutCreativeByCreativeInEachMediaAndDeal() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").deals("D1").banner(300, 250).banner(728, 90)
                .video(15, List.of("video/mp4"), 2).build()));

        Explanation.CampaignOutcome outcome = explain(f, "{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},\"video\":"
                + "{\"mimes\":[\"video/mp4\"]},\"pmp\":{\"deals\":[{\"id\":\"D1\"}]}}", "", "a").campaigns().get(0);

        assertThat(outcome.bid()).isTrue();
        assertThat(outcome.dealId()).isEqualTo("D1");
        assertThat(outcome.creatives()).extracting(c -> c.creativeId() + " " + c.media() + " " + c.dealId() + " "
                + c.rule().tag()).containsExactly(
                        "a-300x250 banner D1 bid", "a-728x90 banner D1 size", "a-video-15 banner D1 media_type",
                        "a-300x250 banner null deal", "a-728x90 banner null size", "a-video-15 banner null media_type",
                        "a-300x250 video D1 media_type", "a-728x90 video D1 media_type", "a-video-15 video D1 outbid",
                        "a-300x250 video null media_type", "a-728x90 video null media_type",
                        "a-video-15 video null deal");
    }

    @Test
    void saysWhyAnImpressionWithoutUsableMediaCannotBeBidOn() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").build(), campaign("p").paused().build()));

        Explanation.Imp imp = explain(f, "{\"id\":\"1\",\"native\":{\"request\":\"not json\"}}", "", null);

        assertThat(imp.biddable()).isFalse();
        assertThat(imp.reason()).startsWith("the impression's only media is native, whose request cannot be used: "
                + "/imp/0/native/request does not hold valid JSON");
        assertThat(imp.excludedSummary()).isEqualTo(Map.of("paused", 1, "no_media", 1));
    }

    private static Explanation.Imp explain(AuctionFixture f, String imp, String extra, String focus) {
        String json = "{\"id\":\"r\",\"imp\":[" + imp + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
        Explanation explanation = new Explainer(f.auctioneer).explain(AuctionFixture.request(json), f.snapshot,
                AuctionFixture.NOW, focus);
        assertThat(explanation.unnamed()).isZero();
        return explanation.imps().get(0);
    }
}
