package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmarks' databind decoder ({@code src/jmh}) reads what the streaming decoder reads, so that
 * {@code DecodeBenchmark} compares equal work: the records carry no Jackson annotations, and a mix-in or creator
 * of {@code DatabindRecords} that stopped matching them would show here, not only when the benchmark runs.
 */
class DatabindBidRequestDecoderTest {
    private static final BidRequestDecoder STREAMING = new BidRequestDecoder(100, 1024 * 1024);
    private static final String[] PRIVACY_SHAPES = {
        // 2.6 fields
        """
        {"id":"r","imp":[{"id":"1"}],"regs":{"gdpr":1,"us_privacy":"1YNN","coppa":1,"gpp":"DBABMA"},
         "user":{"consent":"CO-consent"}}""",
        // 2.5 ext
        """
        {"id":"r","imp":[{"id":"1"}],"regs":{"ext":{"gdpr":1,"us_privacy":"1YNN"}},
         "user":{"ext":{"consent":"CO-consent","eids":[{"source":"id5","uids":[{"id":"x"}]}]}}}""",
        // both: the 2.6 field wins
        """
        {"id":"r","imp":[{"id":"1"}],"regs":{"gdpr":0,"ext":{"gdpr":1}},
         "user":{"consent":"new","ext":{"consent":"old"}}}""",
        // silent
        """
        {"id":"r","imp":[{"id":"1"}],"regs":{},"user":{}}"""};

    static Stream<Arguments> iabExamples() {
        return OpenRtbExamples.requestNames().stream()
                .flatMap(e -> Stream.of(DatabindBidRequestDecoder.Variant.values()).map(v -> Arguments.of(v, e)));
    }

    static Stream<Arguments> privacyShapes() {
        return Stream.of(DatabindBidRequestDecoder.Variant.values())
                .flatMap(v -> Stream.of(PRIVACY_SHAPES).map(json -> Arguments.of(v, json)));
    }

    @ParameterizedTest
    @MethodSource("iabExamples")
    void decodesEveryIabExampleAsTheStreamingDecoderDoes(DatabindBidRequestDecoder.Variant variant,
            String example) throws IOException {
        byte[] json = OpenRtbExamples.request(example);

        assertThat(tree(new DatabindBidRequestDecoder(variant).decode(json, 0, json.length)))
                .isEqualTo(tree(STREAMING.decode(json, 0, json.length)));
    }

    @ParameterizedTest
    @MethodSource("privacyShapes")
    void readsConsentGdprAndUsPrivacyInBothShapesAsTheStreamingDecoderDoes(
            DatabindBidRequestDecoder.Variant variant, String request) throws IOException {
        byte[] json = request.getBytes(StandardCharsets.UTF_8);

        assertThat(tree(new DatabindBidRequestDecoder(variant).decode(json, 0, json.length)))
                .isEqualTo(tree(STREAMING.decode(json, 0, json.length)));
    }

    /** Records hold int[] arrays, which equals() compares by identity: compare the records as JSON trees. */
    private static JsonNode tree(BidRequest request) {
        return Json.MAPPER.valueToTree(request);
    }
}
