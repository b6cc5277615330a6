package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.auction.AuctionFixture.request;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.notice.SignedBid;
import org.fargatedsp.bidder.notice.TestNotices;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.api.Test;

class BidResponseWriterTest {
    private final BidIds ids = new BidIds(0xabcdef01L);
    private final BidResponseWriter writer = new BidResponseWriter("https://bid.example.com/", "USD", ids,
            TestNotices.signer(TestNotices.KEY_A));

    @Test
    void writesAValidBidResponseWithEverythingTheSpecAsksFor() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("cmp").seat("seat-1").cat("IAB3-1")
                .adomain("adv.example").banner(300, 250, 1, 2).bid(2.5).build()));
        BidRequest request = request("{\"id\":\"req-1\",\"imp\":[{\"id\":\"imp-9\",\"banner\":{\"w\":300,\"h\":250}}]}");

        JsonNode response = write(f, request, 7);

        assertThat(response.path("id").asText()).isEqualTo("req-1");
        assertThat(response.path("cur").asText()).isEqualTo("USD");
        assertThat(response.path("bidid").asText()).isEqualTo("abcdef01000000000007");
        JsonNode seatbid = response.path("seatbid").get(0);
        assertThat(seatbid.path("seat").asText()).isEqualTo("seat-1");
        JsonNode bid = seatbid.path("bid").get(0);
        assertThat(bid.path("id").asText()).isEqualTo("abcdef01000000000007");
        assertThat(bid.path("impid").asText()).isEqualTo("imp-9");
        assertThat(bid.path("price").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(bid.path("adid").asText()).isEqualTo("cmp-300x250");
        assertThat(bid.path("crid").asText()).isEqualTo("cmp-300x250");
        assertThat(bid.path("cid").asText()).isEqualTo("cmp");
        assertThat(bid.path("adm").asText()).isEqualTo("<div>cmp</div>");
        assertThat(bid.path("adomain").get(0).asText()).isEqualTo("adv.example");
        assertThat(bid.path("cat").get(0).asText()).isEqualTo("IAB3-1");
        assertThat(bid.path("attr")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(bid.path("w").asInt()).isEqualTo(300);
        assertThat(bid.path("h").asInt()).isEqualTo(250);
        assertThat(bid.path("mtype").asInt()).isEqualTo(1);
        assertThat(bid.has("dealid")).isFalse();
        String token = TestNotices.token(bid.path("nurl").asText());
        assertThat(bid.path("nurl").asText()).isEqualTo("https://bid.example.com/notice/win?tk=" + token
                + "&p=${AUCTION_PRICE}");
        assertThat(bid.path("burl").asText()).isEqualTo("https://bid.example.com/notice/billing?tk=" + token
                + "&p=${AUCTION_PRICE}");
        assertThat(bid.path("lurl").asText()).isEqualTo("https://bid.example.com/notice/loss?tk=" + token
                + "&p=${AUCTION_PRICE}&l=${AUCTION_LOSS}");
    }

    @Test
    void signsEverythingANoticeNeedsIntoTheTokenOfItsUrls() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("c&1").deals("deal/1").bid(1.25).build()));
        BidRequest request = request("""
                {"id":"r\\"1 é","imp":[{"id":"i 1","banner":{"w":300,"h":250},"pmp":{"deals":[{"id":"deal/1"}]}}]}""");
        AuctionResult result = f.run(request);
        ByteBuf out = Unpooled.buffer(64);
        JsonNode bid;
        try {
            writer.write(out, request, result, new BidTemplates(f.snapshot.index()), 1, AuctionFixture.NOW,
                    "exchange-a");
            bid = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).path("seatbid").get(0).path("bid").get(0);
        } finally {
            out.release();
        }

        SignedBid signed = TestNotices.read(TestNotices.KEY_A, TestNotices.token(bid.path("burl").asText()));

        assertThat(signed).isEqualTo(new SignedBid(0xabcdef01L, 1, AuctionFixture.NOW / 1000, 1_250_000, "USD",
                "exchange-a", "r\"1 é", "i 1", "c&1", "c&1-300x250", "deal/1"));
        assertThat(signed.bidId()).isEqualTo(bid.path("id").asText());
        assertThat(bid.path("dealid").asText()).isEqualTo("deal/1");
    }

    @Test
    void escapesAnAwkwardRequestId() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").build()));
        BidRequest request = request("{\"id\":\"a\\\"b\\\\c\\n\\u0001\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}");

        assertThat(write(f, request, 0).path("id").asText()).isEqualTo("a\"b\\c\n\u0001");
    }

    @Test
    void groupsBidsBySeat() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(
                campaign("a").seat("s1").banner(300, 250).bid(3).build(),
                campaign("b").seat("s2").banner(728, 90).bid(2).build(),
                campaign("c").seat("s1").banner(320, 50).bid(1).build()));
        BidRequest request = request("""
                {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250}},{"id":"2","banner":{"w":728,"h":90}},
                                 {"id":"3","banner":{"w":320,"h":50}}]}""");

        JsonNode seatbid = write(f, request, 0).path("seatbid");

        assertThat(seatbid).hasSize(2);
        assertThat(seatbid.get(0).path("seat").asText()).isEqualTo("s1");
        assertThat(seatbid.get(0).path("bid")).extracting(b -> b.path("impid").asText()).containsExactly("1", "3");
        assertThat(seatbid.get(1).path("bid")).extracting(b -> b.path("impid").asText()).containsExactly("2");
    }

    @Test
    void givesCampaignsWithoutASeatTheDefaultSeat() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").build()));

        JsonNode seatbid = write(f, AuctionFixture.givenBidRequest(""), 0).path("seatbid").get(0);

        assertThat(seatbid.path("seat").asText()).isEqualTo(Campaign.DEFAULT_SEAT);
    }

    @Test
    void estimatesEnoughRoomForTheWholeResponse() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("a").build()));
        BidRequest request = AuctionFixture.givenBidRequest("");
        AuctionResult result = f.run(request);
        BidTemplates templates = new BidTemplates(f.snapshot.index());
        ByteBuf out = Unpooled.buffer(writer.estimateSize(request, result, templates));
        int capacity = out.capacity();
        try {
            writer.write(out, request, result, templates, 0, AuctionFixture.NOW, "an-exchange-named-with-64-characters-"
                    + "x".repeat(27));
            assertThat(out.capacity()).isEqualTo(capacity);
        } finally {
            out.release();
        }
    }

    private JsonNode write(AuctionFixture f, BidRequest request, long firstSeq) throws Exception {
        AuctionResult result = f.run(request);
        assertThat(result.bids()).isPositive();
        ByteBuf out = Unpooled.buffer(64);
        try {
            writer.write(out, request, result, new BidTemplates(f.snapshot.index()), firstSeq, AuctionFixture.NOW,
                    null);
            return Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }
}
