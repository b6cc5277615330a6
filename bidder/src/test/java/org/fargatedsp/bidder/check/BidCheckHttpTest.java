package org.fargatedsp.bidder.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidlog.BidLogReader;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /openrtb2/bid/check} on a running bidder over real HTTP, with the embedded campaigns. */
class BidCheckHttpTest {
    private static final byte[] SIMPLE_BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    private static final String CHECK = "/openrtb2/bid/check";
    private static RunningBidder server;

    @BeforeAll
    static void start() {
        server = RunningBidder.start(Map.of("MAX_BODY_BYTES", "65536", "MAX_INFLATED_BODY_BYTES", "262144"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "GET"})
    void showsTheBidABannerGetsAndTheResponseTheBidPathSends(String method) throws IOException {
        HttpResponse<byte[]> check = check(method, CHECK, SIMPLE_BANNER, null);

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(check.headers().firstValue("x-openrtb-version")).hasValue("2.6");
        JsonNode report = Json.MAPPER.readTree(check.body());
        assertThat(report.path("request").path("valid").asBoolean()).isTrue();
        JsonNode imp = report.path("imps").get(0);
        assertThat(imp.path("biddable").asBoolean()).isTrue();
        JsonNode winner = imp.path("campaigns").get(0);
        assertThat(winner.path("id").asText()).isEqualTo("northwind-cloud-display");
        assertThat(winner.path("bid").asBoolean()).isTrue();
        assertThat(winner.path("price").asDouble()).isEqualTo(1.2);
        assertThat(imp.path("excluded_summary").path("media_type").asInt()).isPositive();
        JsonNode sent = Json.MAPPER.readTree(server.bid(SIMPLE_BANNER, "2.6").body()).path("seatbid").get(0)
                .path("bid").get(0);
        JsonNode shown = report.path("response").path("seatbid").get(0).path("bid").get(0);
        for (String field : List.of("impid", "price", "cid", "crid", "adm", "w", "h", "mtype")) {
            assertThat(shown.path(field)).as(field).isEqualTo(sent.path(field));
        }
        assertThat(shown.path("id")).as("the check's bid ids are its own").isNotEqualTo(sent.path("id"));
    }

    @Test
    void namesTheFloorACampaignLosesOn() throws IOException {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(SIMPLE_BANNER);
        ((ObjectNode) request.path("imp").get(0)).put("bidfloor", 1.5);

        JsonNode report = Json.MAPPER.readTree(check("POST", CHECK, Json.MAPPER.writeValueAsBytes(request), null)
                .body());

        JsonNode campaign = report.path("imps").get(0).path("campaigns").get(0);
        assertThat(campaign.path("id").asText()).isEqualTo("northwind-cloud-display");
        assertThat(campaign.path("bid").asBoolean()).isFalse();
        assertThat(campaign.path("rule").asText()).isEqualTo("below_floor");
        assertThat(campaign.path("detail").asText())
                .isEqualTo("bids 1.20 USD, below the impression's floor of 1.50 USD");
        assertThat(report.path("no_bid_reason").asText()).isEqualTo("below_floor");
        assertThat(report.path("response").isNull()).isTrue();
    }

    @Test
    void explainsARequestTheBidPathRefusesWithTheSameReasonAndStatus() throws IOException {
        byte[] malformed = "{\"id\":\"r\",\"imp\":[{\"id\":{\"x\":1},\"banner\":{\"w\":\"300\"}}]}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> check = check("POST", CHECK, malformed, null);
        HttpResponse<byte[]> bid = server.bid(malformed, "2.6");

        assertThat(check.statusCode()).isEqualTo(200);
        JsonNode report = Json.MAPPER.readTree(check.body());
        assertThat(report.path("request").path("valid").asBoolean()).isFalse();
        assertThat(report.path("request").path("id").asText()).isEqualTo("r");
        assertThat(report.path("request").path("status").asInt()).isEqualTo(bid.statusCode()).isEqualTo(400);
        assertThat(report.path("request").path("error").asText() + "\n")
                .isEqualTo(new String(bid.body(), StandardCharsets.UTF_8));
        JsonNode repairs = report.path("repairs");
        JsonNode refusal = repairs.get(repairs.size() - 1);
        assertThat(refusal.path("action").asText()).as(repairs.toString()).isEqualTo("refused");
        assertThat(report.path("response").isNull()).isTrue();
    }

    @Test
    void listsTheDecodersCoercionsDropsAndSkippedImpressionsWithWhatEachCost() throws IOException {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(SIMPLE_BANNER);
        ObjectNode first = (ObjectNode) request.path("imp").get(0);
        ((ObjectNode) first.path("banner")).put("w", String.valueOf(first.path("banner").path("w").asInt()));
        ObjectNode second = first.deepCopy().put("id", "second").put("bidfloor", -1.0);
        ObjectNode repeated = first.deepCopy();
        request.putArray("imp").add(first).add(second).add(repeated);

        JsonNode report = Json.MAPPER.readTree(check("POST", CHECK, Json.MAPPER.writeValueAsBytes(request), null)
                .body());
        HttpResponse<byte[]> bid = server.bid(Json.MAPPER.writeValueAsBytes(request), "2.6");

        List<String> repairs = new ArrayList<>();
        for (JsonNode repair : report.path("repairs")) {
            repairs.add(repair.path("imp").asText(null) + " " + repair.path("field").asText() + " "
                    + repair.path("action").asText());
        }
        String firstId = first.path("id").asText();
        assertThat(repairs).as("in the order read; a skipped impression has no id to name")
                .containsExactly(firstId + " /imp/0/banner/w coerced", "second /imp/1/bidfloor dropped",
                        "second /imp/1/banner/w coerced", "null /imp/2/banner/w coerced", "null /imp/2/id skipped");
        JsonNode imps = report.path("imps");
        assertThat(imps).hasSize(2);
        assertThat(imps.get(0).path("biddable").asBoolean()).isTrue();
        assertThat(imps.get(1).path("biddable").asBoolean()).isFalse();
        assertThat(imps.get(1).path("reason").asText())
                .isEqualTo("the decoder could not read imp.bidfloor, which the impression needs to be bid on"
                        + " (see repairs)");
        assertThat(imps.get(1).path("excluded_summary").path("unbiddable").asInt()).isPositive();
        assertThat(bid.statusCode()).as("the bid path bids the first impression as the check says").isEqualTo(200);
        JsonNode bids = Json.MAPPER.readTree(bid.body()).path("seatbid").get(0).path("bid");
        assertThat(bids).hasSize(1);
        assertThat(bids.get(0).path("impid").asText()).isEqualTo(firstId);
        assertThat(report.path("response").path("seatbid").get(0).path("bid")).hasSize(1);
    }

    @Test
    void listsWhatTheDecoderRepairedImpressionByImpression() throws IOException {
        JsonNode report = Json.MAPPER.readTree(check("POST", CHECK, OpenRtbExamples.request("2.5/native-ad.json"),
                null).body());

        JsonNode repair = report.path("repairs").get(0);
        assertThat(repair.path("imp").asText()).isEqualTo(report.path("imps").get(0).path("id").asText());
        assertThat(repair.path("field").asText()).isEqualTo("/imp/0/native/request");
        assertThat(repair.path("action").asText()).isEqualTo("dropped");
        assertThat(repair.path("detail").asText()).contains("does not hold valid JSON");
        assertThat(report.path("imps").get(0).path("biddable").asBoolean()).isFalse();
    }

    @Test
    void readsBodiesAsTheBidPathDoes() throws IOException {
        HttpResponse<byte[]> gzipped = check("POST", CHECK, gzip(SIMPLE_BANNER), "gzip");
        HttpResponse<byte[]> badGzip = check("POST", CHECK, SIMPLE_BANNER, "gzip");
        HttpResponse<byte[]> brotli = check("POST", CHECK, SIMPLE_BANNER, "br");
        HttpResponse<byte[]> tooLarge = check("POST", CHECK, new byte[70_000], null);

        assertThat(Json.MAPPER.readTree(gzipped.body()).path("response").path("seatbid").size()).isEqualTo(1);
        JsonNode refused = Json.MAPPER.readTree(badGzip.body()).path("request");
        assertThat(refused.path("status").asInt()).isEqualTo(400);
        assertThat(refused.path("error").asText()).startsWith("invalid gzip body");
        assertThat(Json.MAPPER.readTree(brotli.body()).path("request").path("status").asInt()).isEqualTo(415);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    void explainsOneCampaignInFullWhenAskedAndSaysWhenItIsNotLoaded() throws IOException {
        JsonNode report = Json.MAPPER.readTree(check("POST", CHECK + "?campaign=northwind-cloud-premium-geo",
                SIMPLE_BANNER, null).body());
        HttpResponse<byte[]> unknown = check("POST", CHECK + "?campaign=nobody", SIMPLE_BANNER, null);

        JsonNode campaigns = report.path("imps").get(0).path("campaigns");
        assertThat(campaigns).hasSize(1);
        assertThat(campaigns.get(0).path("rule").asText()).isEqualTo("country");
        assertThat(campaigns.get(0).path("creatives").size()).isEqualTo(4);
        assertThat(campaigns.get(0).path("creatives").get(0).path("detail").asText())
                .contains("device.geo.country is absent");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no campaign \"nobody\"");
    }

    @Test
    void takesOnlyGetAndPost() {
        HttpResponse<byte[]> delete = server.send(HttpRequest.newBuilder(server.uri(CHECK)).DELETE().build());

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("allow")).hasValue("GET, POST");
    }

    @Test
    void writesNoBidLogRecordAndCountsChecksApartFromBids() throws IOException {
        List<BidLogRecord> records = new ArrayList<>();
        long bids;
        long checks;
        try (RunningBidder bidder = RunningBidder.start(Map.of())) {
            for (int i = 0; i < 5; i++) {
                assertThat(check(bidder, "POST", CHECK, withId(SIMPLE_BANNER, "check-" + i)).statusCode())
                        .isEqualTo(200);
            }
            check(bidder, "POST", CHECK, "not json".getBytes(StandardCharsets.UTF_8));
            assertThat(bidder.bid(withId(SIMPLE_BANNER, "real"), "2.6").statusCode()).isEqualTo(200);
            bids = bidder.bidder().stats().bids();
            checks = bidder.bidder().stats().checks(CheckOutcome.BID);
            assertThat(bidder.bidder().stats().checks(CheckOutcome.INVALID)).isEqualTo(1);
            bidder.bidder().stopNow();
            for (Path file : BidLogFileNames.listReady(bidder.bidLogDir())) {
                records.addAll(BidLogReader.readAll(file));
            }
        }

        assertThat(records).extracting(r -> ((BidRecord) r).requestId()).containsExactly("real");
        assertThat(bids).isEqualTo(1);
        assertThat(checks).isEqualTo(5);
    }

    @Test
    void isNotThereWhenTurnedOff() {
        try (RunningBidder bidder = RunningBidder.start(Map.of("BID_CHECK_ENABLED", "false"))) {
            HttpResponse<byte[]> response = check(bidder, "POST", CHECK, SIMPLE_BANNER);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("BID_CHECK_ENABLED=false");
            assertThat(bidder.bidder().stats().bids()).as("check is not an exchange's name").isZero();
        }
    }

    private static HttpResponse<byte[]> check(String method, String path, byte[] body, String encoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("x-openrtb-version", "2.6")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return server.send(request.build());
    }

    private static HttpResponse<byte[]> check(RunningBidder bidder, String method, String path, byte[] body) {
        return bidder.send(HttpRequest.newBuilder(bidder.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] withId(byte[] json, String id) throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json);
        tree.put("id", id);
        return Json.MAPPER.writeValueAsBytes(tree);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
