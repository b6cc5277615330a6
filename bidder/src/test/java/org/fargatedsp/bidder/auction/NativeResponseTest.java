package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.auction.AuctionFixture.request;
import static org.fargatedsp.bidder.auction.NativeMatchingTest.givenNativeBidRequest;
import static org.fargatedsp.bidder.auction.NativeMatchingTest.quoted;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.notice.TestNotices;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native response in a bid's {@code adm}: exactly the assets asked for, valid JSON, in the version asked. */
class NativeResponseTest {
    private static final String SOCIAL_EXAMPLE = """
            {"ver":"1.2","eventtrackers":[{"event":1,"methods":[1,2]},{"event":2,"methods":[1]}],"assets":[
             {"id":123,"required":1,"title":{"len":140}},{"id":128,"img":{"wmin":836,"hmin":627,"type":3}},
             {"id":124,"required":1,"img":{"wmin":50,"hmin":50,"type":1}},{"id":126,"required":1,"data":{"type":1,"len":25}},
             {"id":127,"required":1,"data":{"type":2,"len":140}}]}""";

    private final BidResponseWriter writer = new BidResponseWriter("https://bid.example.com", "USD", new BidIds(1),
            TestNotices.signer(TestNotices.KEY_A));

    @Test
    void answersExactlyTheAssetsAskedForWithTheirIds() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

        JsonNode bid = bid(f, givenNativeBidRequest(SOCIAL_EXAMPLE));
        JsonNode response = Json.MAPPER.readTree(bid.path("adm").asText());

        assertThat(bid.path("mtype").asInt()).isEqualTo(4);
        assertThat(bid.has("w")).isFalse();
        assertThat(response.path("ver").asText()).isEqualTo("1.2");
        assertThat(response.has("native")).isFalse();
        assertThat(response.path("assets")).extracting(a -> a.path("id").asInt())
                .containsExactly(123, 128, 124, 126, 127);
        JsonNode assets = response.path("assets");
        assertThat(assets.get(0).path("title").path("text").asText()).isEqualTo("Native ad of n");
        assertThat(assets.get(1).path("img").path("url").asText()).isEqualTo("https://cdn.example/n/1200x627.jpg");
        assertThat(assets.get(1).path("img").path("w").asInt()).isEqualTo(1200);
        assertThat(assets.get(1).path("img").path("h").asInt()).isEqualTo(627);
        assertThat(assets.get(2).path("img").path("url").asText()).isEqualTo("https://cdn.example/n/80x80.png");
        assertThat(assets.get(3).path("data").path("value").asText()).isEqualTo("n");
        assertThat(assets.get(4).path("data").path("value").asText()).isEqualTo("What n has to say.");
        for (JsonNode asset : assets) {
            assertThat(asset.size()).as("an id and one of title, img, data: %s", asset).isEqualTo(2);
        }
        assertThat(response.path("link").path("url").asText()).isEqualTo("https://n.example/");
        assertThat(response.path("link").path("clicktrackers").get(0).asText()).isEqualTo("https://cdn.example/click");
        assertThat(response.path("imptrackers").get(0).asText()).isEqualTo("https://cdn.example/imp?price=${AUCTION_PRICE}");
    }

    @Test
    void leavesOutTheOptionalAssetsTheCreativeCannotFill() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

        JsonNode response = adm(f, givenNativeBidRequest("""
                {"assets":[{"id":7,"data":{"type":12}},{"id":1,"required":1,"title":{}},{"id":8,"img":{"type":2}},
                           {"id":9,"img":{"type":3,"w":1,"h":1}},{"id":2,"data":{"type":2,"len":5}},{"id":3,"img":{"type":1}}]}"""));

        assertThat(response.path("assets")).extracting(a -> a.path("id").asInt()).containsExactly(1, 3);
    }

    @Test
    void answersTwoAssetsOfOneKindEachWithTheFirstImageThatFits() throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

        JsonNode assets = adm(f, givenNativeBidRequest(
                "{\"assets\":[{\"id\":1,\"img\":{}},{\"id\":2,\"img\":{\"w\":80,\"h\":80}}]}")).path("assets");

        assertThat(assets.get(0).path("img").path("w").asInt()).isEqualTo(1200);
        assertThat(assets.get(1).path("img").path("w").asInt()).isEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "1.2 as a string       | {\"ver\":\"1.2\",\"assets\":[{\"id\":1,\"title\":{}}]}                | none  | 1.2 | false",
        "1.1                   | {\"ver\":\"1.1\",\"assets\":[{\"id\":1,\"title\":{}}]}                | none  | 1.1 | false",
        "no version at all     | {\"assets\":[{\"id\":1,\"title\":{}}]}                              | none  | 1.2 | false",
        "the native object's   | {\"assets\":[{\"id\":1,\"title\":{}}]}                              | 1.1   | 1.1 | false",
        "1.0 inside native     | {\"native\":{\"ver\":\"1.0\",\"assets\":[{\"id\":1,\"title\":{}}]}} | none  | 1.0 | true",
        "1.0 without a wrapper | {\"ver\":\"1\",\"assets\":[{\"id\":1,\"title\":{}}]}                  | none  | 1   | true",
        "1.2 inside native     | {\"native\":{\"assets\":[{\"id\":1,\"title\":{}}]}}                  | 1.2   | 1.2 | true"})
    void answersInTheVersionAndShapeOfTheRequest(String name, String nativeRequest, String nativeVer, String ver,
            boolean wrapped) throws Exception {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));

        JsonNode response = adm(f, request("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":"
                + quoted(nativeRequest) + (nativeVer == null ? "" : ",\"ver\":\"" + nativeVer + "\"") + "}}]}"));

        assertThat(response.has("native")).isEqualTo(wrapped);
        JsonNode root = wrapped ? response.path("native") : response;
        assertThat(response.size()).isEqualTo(wrapped ? 1 : root.size());
        assertThat(root.path("ver").asText()).isEqualTo(ver);
        assertThat(root.path("assets").get(0).path("title").path("text").asText()).isEqualTo("Native ad of n");
    }

    @Test
    void escapesEveryTextOfTheCreativeTwiceSoTheBidAndItsAdmAreValidJson() throws Exception {
        String awkward = "Say \"hi\" \\ to \u00e9t\u00e9 \ud83d\ude00\n\t\u0001 </script>";
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd("native", new NativeAd(awkward,
                List.of(new NativeAd.Image(3, "https://cdn.example/a.png?q=\"x\"", 10, 10, "image/png")),
                List.of(new NativeAd.Data(2, awkward)),
                new NativeAd.Link("https://n.example/?a=1&b=\\", List.of()),
                List.of("https://cdn.example/imp?p=${AUCTION_PRICE}&t=\"1\""), List.of())).build()));

        JsonNode response = adm(f, givenNativeBidRequest(
                "{\"assets\":[{\"id\":1,\"title\":{}},{\"id\":2,\"img\":{}},{\"id\":3,\"data\":{\"type\":2}}]}"));

        assertThat(response.path("assets").get(0).path("title").path("text").asText()).isEqualTo(awkward);
        assertThat(response.path("assets").get(1).path("img").path("url").asText())
                .isEqualTo("https://cdn.example/a.png?q=\"x\"");
        assertThat(response.path("assets").get(2).path("data").path("value").asText()).isEqualTo(awkward);
        assertThat(response.path("link").path("url").asText()).isEqualTo("https://n.example/?a=1&b=\\");
        assertThat(response.path("imptrackers").get(0).asText())
                .isEqualTo("https://cdn.example/imp?p=${AUCTION_PRICE}&t=\"1\"");
    }

    @Test
    void sendsOnlyTheEventTrackersWhoseEventAndMethodTheRequestSupports() throws Exception {
        NativeAd ad = TestCampaigns.typicalNativeAd("n");
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd("native", new NativeAd(ad.title(),
                ad.images(), ad.data(), ad.link(), ad.imptrackers(), List.of(
                        new NativeAd.EventTracker(1, 1, "https://t.example/imp-pixel?p=${AUCTION_PRICE}"),
                        new NativeAd.EventTracker(2, 2, "https://t.example/viewable.js"),
                        new NativeAd.EventTracker(3, 1, "https://t.example/viewable-100"),
                        new NativeAd.EventTracker(2, 1, "https://t.example/viewable-pixel")))).build()));

        JsonNode supported = adm(f, givenNativeBidRequest(SOCIAL_EXAMPLE));
        JsonNode none = adm(f, givenNativeBidRequest("{\"assets\":[{\"id\":1,\"title\":{}}]}"));

        assertThat(supported.path("eventtrackers")).extracting(t -> t.path("event").asInt() + "/"
                + t.path("method").asInt() + " " + t.path("url").asText()).containsExactly(
                        "1/1 https://t.example/imp-pixel?p=${AUCTION_PRICE}", "2/1 https://t.example/viewable-pixel");
        assertThat(none.has("eventtrackers")).isFalse();
        assertThat(none.path("imptrackers")).hasSize(1);
    }

    @Test
    void estimatesEnoughRoomForAResponseOfManyAssets() {
        AuctionFixture f = new AuctionFixture(List.of(campaign("n").nativeAd().build()));
        List<String> assets = new ArrayList<>();
        for (int id = 1; id <= 64; id++) {
            assets.add("{\"id\":" + (1_000_000 + id) + ",\"img\":{}}");
        }
        BidRequest request = givenNativeBidRequest("{\"assets\":[" + String.join(",", assets) + "]}");
        AuctionResult result = f.run(request);
        BidTemplates templates = new BidTemplates(f.snapshot.index());
        ByteBuf out = Unpooled.buffer(writer.estimateSize(request, result, templates));
        int capacity = out.capacity();
        try {
            writer.write(out, request, result, templates, 0, AuctionFixture.NOW, null);
            assertThat(out.capacity()).isEqualTo(capacity);
        } finally {
            out.release();
        }
    }

    private JsonNode adm(AuctionFixture f, BidRequest request) throws Exception {
        return Json.MAPPER.readTree(bid(f, request).path("adm").asText());
    }

    private JsonNode bid(AuctionFixture f, BidRequest request) throws Exception {
        AuctionResult result = f.run(request);
        assertThat(result.bids()).isEqualTo(1);
        ByteBuf out = Unpooled.buffer(64);
        try {
            writer.write(out, request, result, new BidTemplates(f.snapshot.index()), 0, AuctionFixture.NOW, null);
            return Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).path("seatbid").get(0).path("bid").get(0);
        } finally {
            out.release();
        }
    }
}
