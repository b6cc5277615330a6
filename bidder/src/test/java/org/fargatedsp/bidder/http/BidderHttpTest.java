package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bidder over real HTTP on a loopback port: every IAB example, each rule of the protocol, each bad input. */
class BidderHttpTest {
    private static final byte[] SIMPLE_BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    /** The wall clock of the server's auctions and notices: it holds still unless a test moves it. */
    private static final AtomicLong NOW_MS = new AtomicLong(System.currentTimeMillis());
    private static RunningBidder server;

    @BeforeAll
    static void start() {
        server = RunningBidder.start(Map.of("REQUEST_READ_TIMEOUT_MS", "300", "IDLE_TIMEOUT_MS", "500",
                "MAX_BODY_BYTES", "65536", "MAX_INFLATED_BODY_BYTES", "262144", "NETWORK_MARGIN_MS", "10"),
                NOW_MS::get);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> iabExamples() {
        return OpenRtbExamples.requestNames();
    }

    @ParameterizedTest
    @MethodSource("iabExamples")
    void answersEveryIabExampleWithAValidBidResponse(String example) throws IOException {
        byte[] json = withNativeAssets(OpenRtbExamples.request(example));
        JsonNode request = Json.MAPPER.readTree(json);

        HttpResponse<byte[]> response = server.bid(json, "2.5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("id").asText()).isEqualTo(request.path("id").asText());
        assertThat(body.path("cur").asText()).isEqualTo("USD");
        Set<String> bidIds = new HashSet<>();
        for (JsonNode seatbid : body.path("seatbid")) {
            assertThat(seatbid.path("seat").asText()).as("every seatbid names its seat").isNotEmpty();
            for (JsonNode bid : seatbid.path("bid")) {
                JsonNode imp = impById(request, bid.path("impid").asText());
                assertThat(imp).as("impid %s names an impression of the request", bid.path("impid")).isNotNull();
                assertThat(bidIds.add(bid.path("id").asText())).as("bid ids are unique").isTrue();
                assertThat(bid.path("price").asDouble()).isGreaterThanOrEqualTo(floorFor(imp, bid));
                assertThat(bid.path("adm").asText()).isNotEmpty();
                assertThat(bid.path("adomain").size()).isPositive();
                assertThat(bid.path("crid").asText()).isNotEmpty();
                assertThat(bid.path("cid").asText()).isNotEmpty();
                assertThat(bid.path("adid").asText()).isNotEmpty();
                assertThat(bid.path("burl").asText()).contains("${AUCTION_PRICE}");
                assertThat(bid.path("lurl").asText()).contains("${AUCTION_LOSS}");
                assertThat(bid.path("mtype").asInt()).isBetween(1, 4);
                if (bid.path("mtype").asInt() == 1) {
                    assertThat(bannerSizes(imp)).contains(bid.path("w").asInt() + "x" + bid.path("h").asInt());
                }
                if (bid.path("mtype").asInt() == 4) {
                    assertThat(nativeAssetIds(bid)).isNotEmpty().isSubsetOf(requestedAssetIds(imp));
                }
                if (imp.path("pmp").path("private_auction").asInt() == 1) {
                    assertThat(bid.path("dealid").asText()).isNotEmpty();
                }
            }
        }
        assertThat(bidIds).isNotEmpty();
    }

    /** The example's native request elides its assets as "[ ... ]", which no parser reads: nothing can answer it. */
    @Test
    void answersTheIabNativeExampleAsPublishedWithANoBidNotA400() {
        HttpResponse<byte[]> response = server.bid(OpenRtbExamples.request("2.5/native-ad.json"), "2.5");

        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void answersANativeRequestWithExactlyTheAssetsItAsksFor() throws IOException {
        String nativeRequest = new String(resource("/native/request-1.2-social.json"), StandardCharsets.UTF_8);
        byte[] json = utf8("{\"id\":\"n\",\"imp\":[{\"id\":\"1\",\"native\":{\"ver\":\"1.2\",\"request\":"
                + Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(nativeRequest).toString()) + "}}]}");

        HttpResponse<byte[]> response = server.bid(json, "2.5");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bid = Json.MAPPER.readTree(response.body()).path("seatbid").get(0).path("bid").get(0);
        assertThat(bid.path("crid").asText()).isEqualTo("bluefin-native-1");
        JsonNode adm = Json.MAPPER.readTree(bid.path("adm").asText());
        assertThat(adm.path("ver").asText()).isEqualTo("1.2");
        assertThat(nativeAssetIds(bid)).containsExactly(123, 128, 124, 126, 127);
        assertThat(adm.path("assets").get(1).path("img").path("w").asInt()).isEqualTo(1200);
        assertThat(adm.path("imptrackers").get(0).asText()).contains("${AUCTION_PRICE}");
        assertThat(adm.path("eventtrackers")).extracting(t -> t.path("event").asInt()).containsExactly(2);
    }

    @Test
    void namesTheDefaultSeatWhenNeitherTheCampaignNorSeatNamesOne() throws IOException {
        JsonNode seatbid = Json.MAPPER.readTree(server.bid(SIMPLE_BANNER, "2.6").body()).path("seatbid").get(0);

        assertThat(seatbid.path("seat").asText()).isEqualTo("fargate-dsp");
    }

    @Test
    void echoesTheOpenRtbVersionHeader() {
        assertThat(server.bid(SIMPLE_BANNER, "2.6").headers().firstValue("x-openrtb-version")).hasValue("2.6");
        assertThat(server.bid(SIMPLE_BANNER, null).headers().firstValue("x-openrtb-version")).hasValue("2.5");
    }

    @Test
    void answersNoBidWith204AndAnEmptyBody() {
        long before = server.bidder().stats().noBids(NoBidReason.NO_MATCH);

        HttpResponse<byte[]> response = server.bid(
                "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":1,\"h\":1}}]}".getBytes(StandardCharsets.UTF_8),
                "2.6");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(server.bidder().stats().noBids(NoBidReason.NO_MATCH)).isEqualTo(before + 1);
    }

    @Test
    void answersAtOnceWhenTmaxLeavesNoTimeAfterTheNetworkMargin() {
        long before = server.bidder().stats().noBids(NoBidReason.DEADLINE);

        HttpResponse<byte[]> response = server.bid(
                "{\"id\":\"r\",\"tmax\":5,\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}"
                        .getBytes(StandardCharsets.UTF_8), "2.6");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(server.bidder().stats().noBids(NoBidReason.DEADLINE)).isEqualTo(before + 1);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("empty body", new byte[0], null, 400, "JSON object"),
                Arguments.of("malformed", utf8("{\"id\":"), null, 400, "truncated JSON"),
                Arguments.of("no id", utf8("{\"imp\":[{\"id\":\"1\"}]}"), null, 400, "/id is required"),
                Arguments.of("no imp", utf8("{\"id\":\"r\"}"), null, 400, "/imp"),
                Arguments.of("unreadable id", utf8("{\"id\":[\"r\"],\"imp\":[{\"id\":\"1\"}]}"), null, 400,
                        "/id: expected a string"),
                Arguments.of("no usable impression id",
                        utf8("{\"id\":\"r\",\"imp\":[{\"id\":{\"x\":1}},{\"id\":\"\"}]}"), null, 400,
                        "/imp: an impression with a usable id is required"),
                Arguments.of("number too long", utf8("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":1"
                        + "0".repeat(100) + "}]}"), null, 400, "Number value length"),
                Arguments.of("deep nesting", utf8("{\"id\":\"r\",\"ext\":" + "[".repeat(500) + "]".repeat(500) + "}"),
                        null, 400, "nesting depth"),
                Arguments.of("invalid UTF-8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},
                        null, 400, "UTF-8"),
                Arguments.of("truncated gzip", truncated(gzip(SIMPLE_BANNER)), "gzip", 400, "invalid gzip body"),
                Arguments.of("not gzip at all", SIMPLE_BANNER, "gzip", 400, "invalid gzip body"),
                Arguments.of("gzip bomb", gzip(new byte[50 * 1024 * 1024]), "gzip", 413, "inflates to more than"),
                Arguments.of("body over the limit", new byte[70_000], null, 413, ""),
                Arguments.of("unsupported encoding", SIMPLE_BANNER, "br", 415, "not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputWithAReasonAndNever500(String name, byte[] body, String encoding, int status, String reason) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/openrtb2/bid"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }

        HttpResponse<byte[]> response = server.send(request.build());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains(reason);
    }

    @Test
    void keepsServingAfterBadInput() {
        server.bid(utf8("{{{{"), "2.6");

        assertThat(server.bid(SIMPLE_BANNER, "2.6").statusCode()).isEqualTo(200);
    }

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() {
        assertThat(server.get("/openrtb2/nothing").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> wrongMethod = server.get("/openrtb2/bid");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/health"))
                .DELETE().build()).statusCode()).isEqualTo(405);
    }

    @Test
    void takesAnExchangeNameInThePath() {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(server.uri("/openrtb2/bid/exchange-1"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SIMPLE_BANNER)).build());
        HttpResponse<byte[]> badName = server.send(HttpRequest.newBuilder(server.uri("/openrtb2/bid/a%20b"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SIMPLE_BANNER)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(badName.statusCode()).isEqualTo(400);
    }

    @Test
    void readsGzipRequestsAndGzipsResponsesForClientsThatAskForIt() throws IOException {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(server.uri("/openrtb2/bid"))
                .header("Content-Encoding", "gzip").header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(SIMPLE_BANNER))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            assertThat(Json.MAPPER.readTree(in.readAllBytes()).path("id").asText())
                    .isEqualTo("80ce30c53c16e6ede735f123ef6e32361bfc7b22");
        }
    }

    @Test
    void doesNotGzipForClientsThatDoNotAsk() {
        assertThat(server.bid(SIMPLE_BANNER, "2.6").headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void servesManyRequestsOnOneKeptAliveConnection() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            for (int i = 0; i < 5; i++) {
                connection.write(RawHttp.post("/openrtb2/bid", withId(SIMPLE_BANNER, "keep-" + i)));
                RawHttp.Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(response.body()).path("id").asText()).isEqualTo("keep-" + i);
            }
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        pipeline.write(RawHttp.post("/openrtb2/bid", withId(SIMPLE_BANNER, "first")));
        pipeline.write(RawHttp.post("/openrtb2/bid", utf8("{\"id\":\"nobid\",\"imp\":[{\"id\":\"1\"}]}")));
        pipeline.write(RawHttp.post("/openrtb2/bid", utf8("not json")));
        pipeline.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        pipeline.write(RawHttp.post("/openrtb2/bid", withId(SIMPLE_BANNER, "last"), "Accept-Encoding: gzip"));

        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(pipeline.toByteArray());

            assertThat(Json.MAPPER.readTree(connection.read().body()).path("id").asText()).isEqualTo("first");
            assertThat(connection.read().status()).isEqualTo(204);
            assertThat(connection.read().status()).isEqualTo(400);
            assertThat(connection.read().text()).contains("\"status\":\"ready\"");
            RawHttp.Response last = connection.read();
            assertThat(last.header("content-encoding")).isEqualTo("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(last.body()))) {
                assertThat(Json.MAPPER.readTree(in.readAllBytes()).path("id").asText()).isEqualTo("last");
            }
        }
    }

    @Test
    void answers408AndClosesWhenARequestDoesNotFinishArriving() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"id\":");

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    /**
     * Regression: 2,000 connections sending a header byte a second were all still open after 100 s, since the
     * read timeout started only with complete headers and every byte reset the idle timer.
     */
    @Test
    void answers408AndClosesAConnectionSendingItsHeadersOneByteAtATime() throws IOException {
        byte[] head = "POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (RawHttp connection = new RawHttp(server.port())) {
            // Fixed delay: after a stall the bytes do not catch up in a burst that would complete the headers.
            trickle.scheduleWithFixedDelay(() -> {
                int i = sent.get();
                if (i < head.length) {
                    try {
                        connection.write(new byte[] {head[i]});
                        sent.incrementAndGet();
                    } catch (IOException closed) {
                        throw new java.io.UncheckedIOException(closed);
                    }
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(connection.closedByServer()).isTrue();
            assertThat(sent.get()).as("header bytes sent before the close, of %d", head.length)
                    .isLessThan(head.length);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void closesAConnectionThatStaysSilent() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void refusesOversizedHeadersWithoutDying() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("malformed HTTP request");
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void closesAfterAnsweringAnHttp10Request() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write("GET /health HTTP/1.0\r\n\r\n");

            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void reportsReadinessAndDetailsOnHealth() throws IOException {
        HttpResponse<byte[]> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = Json.MAPPER.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("ready");
        assertThat(health.path("campaigns").asInt()).isPositive();
    }

    @Test
    void countsTheSpendOfABillingNoticeOnce() throws IOException {
        JsonNode bid = Json.MAPPER.readTree(server.bid(withId(SIMPLE_BANNER, "billing-1"), "2.6").body())
                .path("seatbid").get(0).path("bid").get(0);
        URI notice = billingNotice(bid, "0.80");
        InProcessBudget budget = (InProcessBudget) server.bidder().ledger().find(bid.path("cid").asText());
        long before = budget.spentMicros(NOW_MS.get());

        assertThat(server.send(HttpRequest.newBuilder(notice).GET().build()).statusCode()).isEqualTo(204);
        assertThat(server.send(HttpRequest.newBuilder(notice).GET().build()).statusCode()).isEqualTo(204);

        assertThat(budget.spentMicros(NOW_MS.get())).isEqualTo(before + 800);
        assertThat(server.get("/notice/billing?c=x").statusCode()).as("unsigned").isEqualTo(403);
    }

    /**
     * The test above read the UTC day twice, from the system clock, and failed when midnight fell in between. The
     * spend counts on the day of the bid, whose budget the bid was placed against.
     */
    @Test
    void countsTheSpendOfABillingNoticeOnceWhenMidnightPassesBetweenTheBidAndTheNotice() throws IOException {
        long midnight = (NOW_MS.get() / 86_400_000L + 1) * 86_400_000L;
        NOW_MS.set(midnight - 1);
        JsonNode bid = Json.MAPPER.readTree(server.bid(withId(SIMPLE_BANNER, "billing-midnight"), "2.6").body())
                .path("seatbid").get(0).path("bid").get(0);
        URI notice = billingNotice(bid, "0.80");
        InProcessBudget budget = (InProcessBudget) server.bidder().ledger().find(bid.path("cid").asText());
        NOW_MS.set(midnight);

        assertThat(server.send(HttpRequest.newBuilder(notice).GET().build()).statusCode()).isEqualTo(204);
        assertThat(server.send(HttpRequest.newBuilder(notice).GET().build()).statusCode()).isEqualTo(204);

        assertThat(budget.spentMicros(midnight - 1)).isEqualTo(800);
        assertThat(budget.spentTotalMicros()).isEqualTo(800);
    }

    /** The bid's billing notice URL at {@code price}, on the test server. */
    private static URI billingNotice(JsonNode bid, String price) {
        URI burl = URI.create(bid.path("burl").asText().replace("${AUCTION_PRICE}", price));
        return server.uri(burl.getRawPath() + "?" + burl.getRawQuery());
    }

    /**
     * The example with the assets its native request elides ({@code "assets":[ ... ]}) filled in from the Native
     * 1.2 social-context example, so that it is answered as the complete request it stands for; other examples as
     * they are.
     */
    private static byte[] withNativeAssets(byte[] example) throws IOException {
        JsonNode request = Json.MAPPER.readTree(example);
        boolean changed = false;
        for (JsonNode imp : request.path("imp")) {
            JsonNode nativeObject = imp.path("native");
            if (nativeObject.path("request").asText().contains("[ ... ]")) {
                String assets = Json.MAPPER.readTree(resource("/native/request-1.2-social.json")).path("assets").toString();
                ((com.fasterxml.jackson.databind.node.ObjectNode) nativeObject).put("request",
                        nativeObject.path("request").asText().replace("[ ... ]", assets));
                changed = true;
            }
        }
        return changed ? Json.MAPPER.writeValueAsBytes(request) : example;
    }

    private static List<Integer> nativeAssetIds(JsonNode bid) throws IOException {
        JsonNode adm = Json.MAPPER.readTree(bid.path("adm").asText());
        JsonNode root = adm.has("native") ? adm.path("native") : adm;
        List<Integer> ids = new java.util.ArrayList<>();
        for (JsonNode asset : root.path("assets")) {
            ids.add(asset.path("id").asInt());
        }
        return ids;
    }

    private static List<Integer> requestedAssetIds(JsonNode imp) throws IOException {
        JsonNode request = Json.MAPPER.readTree(imp.path("native").path("request").asText());
        JsonNode root = request.has("native") ? request.path("native") : request;
        List<Integer> ids = new java.util.ArrayList<>();
        for (JsonNode asset : root.path("assets")) {
            ids.add(asset.path("id").asInt());
        }
        return ids;
    }

    private static byte[] resource(String name) throws IOException {
        try (java.io.InputStream in = BidderHttpTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static JsonNode impById(JsonNode request, String impId) {
        for (JsonNode imp : request.path("imp")) {
            if (imp.path("id").asText().equals(impId)) {
                return imp;
            }
        }
        return null;
    }

    private static double floorFor(JsonNode imp, JsonNode bid) {
        for (JsonNode deal : imp.path("pmp").path("deals")) {
            if (deal.path("id").asText().equals(bid.path("dealid").asText()) && deal.has("bidfloor")) {
                return deal.path("bidfloor").asDouble();
            }
        }
        return imp.path("bidfloor").asDouble();
    }

    private static Set<String> bannerSizes(JsonNode imp) {
        Set<String> sizes = new HashSet<>();
        JsonNode banner = imp.path("banner");
        sizes.add(banner.path("w").asInt() + "x" + banner.path("h").asInt());
        for (JsonNode format : banner.path("format")) {
            sizes.add(format.path("w").asInt() + "x" + format.path("h").asInt());
        }
        if (imp.path("instl").asInt() == 1) {
            sizes.addAll(Set.of("320x480", "480x320", "768x1024", "1024x768"));
        }
        return sizes;
    }

    private static byte[] withId(byte[] json, String id) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            tree.put("id", id);
            return Json.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] truncated(byte[] data) {
        return java.util.Arrays.copyOf(data, data.length / 2);
    }
}
