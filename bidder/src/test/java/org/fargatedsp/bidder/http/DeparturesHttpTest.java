package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidlog.BidRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of departures from the spec ({@code src/test/resources/openrtb/departures/}), each request sent over
 * real HTTP to a bidder on a loopback port, bidding on the default campaigns and one campaign of a numbered deal.
 * {@code answers.json} gives each file's answer: the status; for a 200 the impressions bid on (never one twice)
 * and the deals; for a 204 the no-bid reason in the bid log; for a 400 the reason's text; and always the repairs
 * counted by field in {@code dsp.bidder.repairs} and the duplicate impressions in {@code dsp.bidder.imps.duplicate}.
 */
class DeparturesHttpTest {
    private static final String CORPUS = "/openrtb/departures/";
    private static final JsonNode ANSWERS = json(resource("answers.json"));

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final ConcurrentLinkedQueue<BidRecord> BID_LOG = new ConcurrentLinkedQueue<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static BidderServer server;
    private static int port;

    @BeforeAll
    static void start() throws InterruptedException {
        List<Campaign> campaigns = new ArrayList<>(new FileCampaignSource(null, 0, null).load());
        campaigns.add(TestCampaigns.campaign("numbered-deal").deals("888001").bid(4).banner(300, 250).build());
        Catalog catalog = Catalog.of(new CampaignSnapshot(campaigns, new BudgetLedger(), System.currentTimeMillis(),
                "departures"));
        EmbeddedBidder bidder = new EmbeddedBidder(catalog, Map.of("DEFAULT_TMAX_MS", "60000",
                "IDLE_TIMEOUT_MS", "60000", "REQUEST_READ_TIMEOUT_MS", "60000", "MAX_BODY_BYTES", "65536"),
                new BidderMetrics(REGISTRY), record -> BID_LOG.add((BidRecord) record), "task-1");
        server = new BidderServer(Transport.choose(Transport.Preference.AUTO), 1, new LoadShedder(0, 250));
        port = server.start("127.0.0.1", 0, bidder.endpoints(), bidder.settings());
    }

    @AfterAll
    static void stop() {
        server.stopAccepting();
        server.close(5_000);
        REGISTRY.close();
    }

    static List<String> departures() {
        List<String> names = new ArrayList<>();
        ANSWERS.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void hasAnAnswerForEveryRequestOfTheCorpusAndAFewDozenOfThem() throws Exception {
        Set<String> files = new HashSet<>();
        try (Stream<Path> listing = Files.list(Path.of(DeparturesHttpTest.class.getResource(CORPUS).toURI()))) {
            listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("answers.json"))
                    .forEach(files::add);
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(departures()).hasSizeGreaterThan(36);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departures")
    void answersEachDepartureAsTheCorpusSays(String file) throws Exception {
        JsonNode expected = ANSWERS.get(file);
        Map<String, Double> repairsBefore = repairCounts();
        double duplicatesBefore = duplicateCount();
        BID_LOG.clear();

        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/openrtb2/bid")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource(file))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        int status = expected.path("status").asInt();
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        if (status == 200) {
            assertBids(json(response.body()), expected);
        } else if (status == 204) {
            Awaitility.await("the bid-log record").atMost(Duration.ofSeconds(10))
                    .until(() -> !BID_LOG.isEmpty());
            assertThat(BID_LOG).singleElement().extracting(BidRecord::reason)
                    .isEqualTo(expected.path("reason").asText());
        } else {
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains(expected.path("error").asText());
        }
        Map<String, Double> repairs = new TreeMap<>();
        expected.path("repairs").properties().forEach(e -> repairs.put(e.getKey(), e.getValue().asDouble()));
        Awaitility.await("the repairs counted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(delta(repairsBefore, repairCounts())).as("repairs counted by field").isEqualTo(repairs);
            assertThat(duplicateCount() - duplicatesBefore).as("duplicate impressions")
                    .isEqualTo(expected.path("duplicates").asDouble(0));
        });
    }

    private static void assertBids(JsonNode body, JsonNode expected) {
        List<String> impids = new ArrayList<>();
        Map<String, String> deals = new HashMap<>();
        for (JsonNode seatbid : body.path("seatbid")) {
            for (JsonNode bid : seatbid.path("bid")) {
                impids.add(bid.path("impid").asText());
                if (bid.has("dealid")) {
                    deals.put(bid.path("impid").asText(), bid.path("dealid").asText());
                }
            }
        }
        List<String> expectedBids = new ArrayList<>();
        expected.path("bids").forEach(id -> expectedBids.add(id.asText()));
        assertThat(impids).as("impressions bid on, each once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedBids);
        Map<String, String> expectedDeals = new HashMap<>();
        expected.path("deals").properties().forEach(e -> expectedDeals.put(e.getKey(), e.getValue().asText()));
        assertThat(deals).as("deals bid on").isEqualTo(expectedDeals);
    }

    /** The non-zero counts of {@code dsp.bidder.repairs}, by field. */
    private static Map<String, Double> repairCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : REGISTRY.find(BidderMetrics.REPAIRS).counters()) {
            if (c.count() > 0) {
                counts.put(c.getId().getTag("field"), c.count());
            }
        }
        return counts;
    }

    private static double duplicateCount() {
        return REGISTRY.get(BidderMetrics.IMPS_DUPLICATE).counter().count();
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((field, count) -> {
            double d = count - before.getOrDefault(field, 0.0);
            if (d != 0) {
                delta.put(field, d);
            }
        });
        return delta;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DeparturesHttpTest.class.getResourceAsStream(CORPUS + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + CORPUS + name + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
