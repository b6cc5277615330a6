package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the bid path over requests that depart from the spec, generated from the IAB examples with a
 * seeded generator so that every run checks the same requests: a field of any shape costs at most that field or
 * that impression, never a {@code 400}, unless it is the request's {@code id} or its impressions; and whatever
 * decodes is answered with at most one bid per impression id.
 */
class DeparturePropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Every shape a field is given in turn: scalars of each type, text that is and is not a number, containers. */
    private static final List<JsonNode> SHAPES = List.of(NODES.nullNode(), NODES.textNode(""),
            NODES.textNode("abc"), NODES.textNode("728"), NODES.textNode("0.5"), NODES.textNode("-1"),
            NODES.numberNode(728), NODES.numberNode(-1), NODES.numberNode(0.5), NODES.numberNode(99_999_999_999L),
            NODES.booleanNode(true), NODES.booleanNode(false), NODES.objectNode(), NODES.objectNode().put("a", 1),
            NODES.arrayNode(), NODES.arrayNode().add(1), NODES.arrayNode().add("x"), NODES.arrayNode().addNull(),
            NODES.arrayNode().add(NODES.objectNode()), NODES.arrayNode().add(NODES.arrayNode()));

    private final EmbeddedBidder bidder = new EmbeddedBidder(defaultCatalog(), Map.of("DEFAULT_TMAX_MS", "60000"));
    private final TrackingAllocator alloc = new TrackingAllocator();
    /** Bids in the last 200 answered. */
    private int lastBidCount;

    @AfterEach
    void noLeaks() {
        assertThat(alloc.unreleased()).as("buffers never released").isEmpty();
    }

    static List<String> iabExamples() {
        return OpenRtbExamples.requestNames();
    }

    @ParameterizedTest
    @MethodSource("iabExamples")
    void anyShapeOfAnyFieldIsAnsweredAndOnlyTheIdOrImpressionsCanMakeItA400(String example) throws IOException {
        JsonNode base = Json.MAPPER.readTree(OpenRtbExamples.request(example));
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(base, new ArrayList<>(), paths);
        int answered = 0;
        for (List<Object> path : paths) {
            for (JsonNode shape : SHAPES) {
                JsonNode mutated = base.deepCopy();
                replace(mutated, path, shape);
                int status = answer(mutated);
                if (status == 400) {
                    assertThat(decidesTheRequestCanBeAnswered(path))
                            .as("%s as %s in %s refused", path, shape, example).isTrue();
                } else {
                    answered++;
                }
            }
        }
        assertThat(answered).as("mutations answered with a 200 or a 204").isGreaterThan(paths.size() * 10);
    }

    @Test
    void manyDeparturesAtOnceAreAnsweredAndOnlyTheIdOrImpressionsCanMakeItA400() throws IOException {
        SplittableRandom random = new SplittableRandom(20260412L);
        List<String> examples = OpenRtbExamples.requestNames();
        int bids = 0;
        for (int i = 0; i < 3_000; i++) {
            String example = examples.get(random.nextInt(examples.size()));
            JsonNode request = Json.MAPPER.readTree(OpenRtbExamples.request(example));
            List<List<Object>> paths = new ArrayList<>();
            collectPaths(request, new ArrayList<>(), paths);
            boolean mayRefuse = false;
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                List<Object> path = paths.get(random.nextInt(paths.size()));
                if (replace(request, path, SHAPES.get(random.nextInt(SHAPES.size())))) {
                    mayRefuse |= decidesTheRequestCanBeAnswered(path);
                }
            }
            int status = answer(request);
            assertThat(status == 400 && !mayRefuse).as("refused %s", request).isFalse();
            bids += status == 200 ? 1 : 0;
        }
        assertThat(bids).as("mutated requests still bid on").isGreaterThan(300);
    }

    @Test
    void anyRequestThatDecodesIsAnsweredWithAtMostOneBidPerImpressionId() {
        SplittableRandom random = new SplittableRandom(42L);
        int bids = 0;
        for (int i = 0; i < 3_000; i++) {
            ObjectNode request = NODES.objectNode().put("id", "r-" + i);
            ArrayNode imps = request.putArray("imp");
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                imps.add(randomImp(random));
            }
            if (random.nextInt(4) == 0) {
                request.set("bcat", random.nextBoolean() ? NODES.textNode("IAB25") : NODES.arrayNode().add("IAB7"));
            }
            answer(request);
            bids += lastBidCount;
        }
        assertThat(bids).as("bids checked").isGreaterThan(1_000);
    }

    /** An impression whose id repeats often and whose fields depart from the spec now and then. */
    private static ObjectNode randomImp(SplittableRandom r) {
        ObjectNode imp = NODES.objectNode();
        switch (r.nextInt(8)) {
            case 0 -> imp.put("id", 1);
            case 1 -> imp.put("id", "");
            case 2 -> imp.putNull("id");
            default -> imp.put("id", String.valueOf(1 + r.nextInt(3)));
        }
        String[] sizes = {"300", "728", "\"300\"", "300.0", "\"300px\"", "-300"};
        String w = sizes[r.nextInt(sizes.length)];
        String h = w.contains("728") ? "90" : "250";
        String[] floors = {"0.01", "\"0.02\"", "-1", "null", "0.5", "1e3"};
        String fields = "{\"bidfloor\":" + floors[r.nextInt(floors.length)] + ",\"banner\":" + (r.nextInt(5) == 0
                ? "{\"format\":{\"w\":" + w + ",\"h\":" + h + "}}" : "{\"w\":" + w + ",\"h\":" + h + "}")
                + (r.nextInt(4) == 0 ? ",\"video\":{\"mimes\":\"video/mp4\",\"protocols\":" + (r.nextBoolean() ? "2"
                : "[2,3]") + ",\"maxduration\":\"30\"}" : "") + "}";
        try {
            imp.setAll((ObjectNode) Json.MAPPER.readTree(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imp;
    }

    /**
     * The status the bid endpoint answers {@code request} with; for a 200, checks that no impression id is bid on
     * twice and that each names an impression of the request.
     */
    private int answer(JsonNode request) {
        lastBidCount = 0;
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/openrtb2/bid",
                Unpooled.wrappedBuffer(body));
        FullHttpResponse response;
        try {
            response = bidder.endpoints().bid().handle(alloc, http, System.nanoTime(), null);
        } catch (BadRequestException e) {
            return 400;
        } finally {
            http.release();
        }
        try {
            int status = response.status().code();
            if (status == 200) {
                checkOneBidPerImpressionId(request, Json.MAPPER.readTree(response.content().toString(
                        StandardCharsets.UTF_8)));
            }
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            response.release();
        }
    }

    private void checkOneBidPerImpressionId(JsonNode request, JsonNode body) {
        Set<String> sent = new HashSet<>();
        JsonNode imps = request.path("imp");
        for (JsonNode imp : imps.isArray() ? imps : List.of(imps)) {
            sent.add(imp.path("id").asText());
        }
        List<String> impids = new ArrayList<>();
        for (JsonNode seatbid : body.path("seatbid")) {
            for (JsonNode bid : seatbid.path("bid")) {
                impids.add(bid.path("impid").asText());
            }
        }
        assertThat(impids).as("bids on %s", request).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(sent);
        lastBidCount += impids.size();
    }

    /** The request's id, its impressions, an impression, or an impression's id: what a request cannot do without. */
    private static boolean decidesTheRequestCanBeAnswered(List<Object> path) {
        if (path.get(0).equals("id")) {
            return path.size() == 1;
        }
        return path.get(0).equals("imp") && (path.size() <= 2 || (path.size() == 3 && path.get(2).equals("id")));
    }

    /** Every place in {@code node}: object fields by name, array elements by index. */
    private static void collectPaths(JsonNode node, List<Object> prefix, List<List<Object>> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> path = new ArrayList<>(prefix);
                path.add(name);
                paths.add(path);
                collectPaths(node.get(name), path, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                paths.add(path);
                collectPaths(node.get(i), path, paths);
            }
        }
    }

    /** Replaces the value at {@code path} with {@code shape}; false when an earlier change took the place away. */
    private static boolean replace(JsonNode root, List<Object> path, JsonNode shape) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name && object.has(name)) {
            object.set(name, shape.deepCopy());
            return true;
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, shape.deepCopy());
            return true;
        }
        return false;
    }

    private static Catalog defaultCatalog() {
        return Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(), new BudgetLedger(),
                System.currentTimeMillis(), "test"));
    }
}
