package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.SyntheticCampaigns;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link Explainer} says bids is exactly what {@link Auctioneer} bids: the same campaign, creative, deal and
 * price on the same impressions, for thousands of random requests against random campaigns (some out of budget),
 * and for the IAB examples and random variants of them against the embedded and generated campaigns. Every
 * campaign is accounted for once per impression, and the explainer always names the rule.
 */
class ExplainerAgreesWithAuctionTest {
    /** The rules that only the index applies: a campaign listed in full passed all of them. */
    private static final Set<Rule> INDEX_RULES = EnumSet.range(Rule.PAUSED, Rule.UNNAMED);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void saysBidForExactlyWhatTheAuctionBidsOnRandomRequests(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Campaign> campaigns = RandomAuctions.campaigns(60 + random.nextInt(200), random);
        AuctionFixture fixture = withSomeBudgetsSpent(campaigns, random);
        Set<Rule> seen = EnumSet.noneOf(Rule.class);
        int bids = 0;
        for (int n = 0; n < 1000; n++) {
            String json = RandomAuctions.request(random);
            bids += assertAgrees(fixture, json, seen);
        }
        assertThat(bids).as("the random requests must win some bids to test anything").isGreaterThan(100);
        assertThat(seen).as("and meet the rules of every stage").contains(Rule.COUNTRY, Rule.BLOCKED_CATEGORY,
                Rule.SIZE, Rule.MEDIA_TYPE, Rule.DEAL, Rule.BELOW_FLOOR, Rule.BUDGET, Rule.OUTBID, Rule.WON);
    }

    @Test
    void saysBidForExactlyWhatTheAuctionBidsOnTheIabExamplesAndVariantsOfThem() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<Campaign> campaigns = new ArrayList<>(new FileCampaignSource(null, 0, null).load());
        campaigns.addAll(SyntheticCampaigns.generate(2_000, 42));
        AuctionFixture fixture = withSomeBudgetsSpent(campaigns, random);
        Set<Rule> seen = EnumSet.noneOf(Rule.class);
        int bids = 0;
        for (String name : OpenRtbExamples.requestNames()) {
            JsonNode example = Json.MAPPER.readTree(OpenRtbExamples.request(name));
            bids += assertAgrees(fixture, example.toString(), seen);
            for (int n = 0; n < 40; n++) {
                bids += assertAgrees(fixture, variant(example, random), seen);
            }
        }
        assertThat(bids).isGreaterThan(100);
        assertThat(seen).contains(Rule.WON, Rule.OUTBID, Rule.BELOW_FLOOR, Rule.SIZE);
    }

    /** The explainer's bids, impression by impression, against the auction's; returns how many there were. */
    private static int assertAgrees(AuctionFixture fixture, String json, Set<Rule> seen) {
        BidRequest request;
        try {
            request = AuctionFixture.request(json);
        } catch (BadRequestException e) {
            // A variant the decoder refuses is the check's refusal, not an auction.
            return 0;
        }
        AuctionResult result = fixture.run(request);
        List<String> auction = new ArrayList<>();
        for (int i = 0; i < result.bids(); i++) {
            auction.add(result.impIndex(i) + " " + fixture.campaignOf(i) + " " + fixture.creativeOf(i) + " "
                    + result.dealId(i) + " " + result.priceMicros(i));
        }
        Explanation explanation = new Explainer(fixture.auctioneer).explain(request, fixture.snapshot,
                AuctionFixture.NOW, null);

        List<String> explained = new ArrayList<>();
        for (int i = 0; i < explanation.imps().size(); i++) {
            Explanation.Imp imp = explanation.imps().get(i);
            int accounted = imp.excludedSummary().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(accounted + imp.campaigns().size()).as("every campaign once, %s", json)
                    .isEqualTo(fixture.snapshot.campaigns().size());
            for (Explanation.CampaignOutcome c : imp.campaigns()) {
                seen.add(c.rule());
                assertThat(c.rule()).as("a campaign listed passed the index, %s", json).isNotIn(INDEX_RULES);
                assertThat(c.detail() == null).as("only the bid goes without a detail").isEqualTo(c.bid());
                if (c.bid()) {
                    explained.add(i + " " + c.campaignId() + " " + c.creativeId() + " " + c.dealId() + " "
                            + c.priceMicros());
                }
            }
            imp.excludedSummary().keySet().forEach(tag -> seen.addAll(rulesTagged(tag)));
        }
        assertThat(explained).as("the explainer's bids, %s", json).isEqualTo(auction);
        assertThat(explanation.unnamed()).as("the explainer's sets and the index agree, %s", json).isZero();
        return auction.size();
    }

    private static AuctionFixture withSomeBudgetsSpent(List<Campaign> campaigns, SplittableRandom random) {
        AuctionFixture fixture = new AuctionFixture(campaigns);
        for (Campaign c : campaigns) {
            if (c.active() && random.nextInt(10) == 0) {
                fixture.ledger.spend(c.id(), c.dailyBudgetMicros(), AuctionFixture.NOW);
            }
        }
        return fixture;
    }

    /** The example with random floors, sizes, countries, blocks and deals, so that its rules change outcome. */
    private static String variant(JsonNode example, SplittableRandom r) {
        ObjectNode request = example.deepCopy();
        for (JsonNode node : request.path("imp")) {
            ObjectNode imp = (ObjectNode) node;
            imp.put("bidfloor", r.nextInt(40) / 10.0);
            if (r.nextInt(4) == 0) {
                imp.put("bidfloorcur", r.nextBoolean() ? "EUR" : "USD");
            }
            if (imp.path("banner").isObject() && r.nextInt(3) == 0) {
                int[][] sizes = {{300, 250}, {728, 90}, {320, 50}, {160, 600}, {1, 1}};
                int[] size = sizes[r.nextInt(sizes.length)];
                ((ObjectNode) imp.path("banner")).put("w", size[0]).put("h", size[1]).remove("format");
            }
            if (r.nextInt(5) == 0) {
                ObjectNode pmp = imp.putObject("pmp").put("private_auction", r.nextInt(2));
                pmp.putArray("deals").addObject().put("id", "deal-" + r.nextInt(3))
                        .put("bidfloor", r.nextInt(30) / 10.0);
            }
        }
        if (r.nextInt(3) == 0) {
            String[] countries = {"USA", "GBR", "DEU", "CAN", "BRA", "us"};
            ObjectNode device = request.path("device").isObject() ? (ObjectNode) request.path("device")
                    : request.putObject("device");
            device.putObject("geo").put("country", countries[r.nextInt(countries.length)]);
        }
        if (r.nextInt(3) == 0) {
            ArrayNode bcat = request.putArray("bcat");
            bcat.add("IAB" + (1 + r.nextInt(26)));
        }
        return request.toString();
    }

    private static Set<Rule> rulesTagged(String tag) {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (Rule rule : Rule.values()) {
            if (rule.tag().equals(tag)) {
                rules.add(rule);
            }
        }
        return rules;
    }
}
