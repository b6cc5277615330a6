package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.openrtb.BadRequestException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BidRequestDecoderTest {
    private final BidRequestDecoder decoder = new BidRequestDecoder(100, 256 * 1024);
    private final BidRequestDecoder strictAboutImps = new BidRequestDecoder(2, 256 * 1024);

    static List<String> iabExamples() {
        return OpenRtbExamples.requestNames();
    }

    @ParameterizedTest
    @MethodSource("iabExamples")
    void decodesEveryIabExampleRequestWithoutARepair(String example) {
        byte[] json = OpenRtbExamples.request(example);
        Repairs repairs = new Repairs();

        BidRequest request = decoder.decode(json, 0, json.length, repairs);

        assertThat(request.id()).isNotEmpty();
        assertThat(request.imp()).isNotEmpty().allSatisfy(imp -> {
            assertThat(imp.id()).isNotEmpty();
            assertThat(imp.unbiddable()).isNull();
        });
        assertThat(request.unbiddable()).isNull();
        assertThat(repairs.isEmpty()).as("repairs: %s", repairs).isTrue();
    }

    @Test
    void readsTheFieldsOfTheSimpleBannerExample() {
        BidRequest request = decode(example("2.6/simple-banner.json"));

        assertThat(request.id()).isEqualTo("80ce30c53c16e6ede735f123ef6e32361bfc7b22");
        assertThat(request.auctionType()).isEqualTo(1);
        assertThat(request.cur()).containsExactly("USD");
        Imp imp = request.imp().get(0);
        assertThat(imp.bidfloor()).isEqualTo(0.03);
        assertThat(imp.banner().w()).isEqualTo(300);
        assertThat(imp.banner().h()).isEqualTo(250);
        assertThat(request.site().domain()).isEqualTo("www.foobar.com");
        assertThat(request.site().cat()).containsExactly("IAB3-1");
        assertThat(request.user().consent()).isNull();
    }

    @Test
    void readsDealsOfThePmpExample() {
        BidRequest request = decode(example("2.5/pmp-with-direct-deal.json"));

        Pmp pmp = request.imp().get(0).pmp();
        assertThat(pmp.private_auction()).isEqualTo(1);
        assertThat(pmp.deals()).extracting(Deal::id).containsExactly("AB-Agency1-0001", "XY-Agency2-0001");
        assertThat(pmp.deals().get(0).bidfloor()).isEqualTo(2.5);
        assertThat(pmp.deals().get(0).wseat()).containsExactly("Agency1");
    }

    @Test
    void readsVideoMimesDurationsAndProtocols() {
        Video video = decode(example("2.5/video.json")).imp().get(0).video();

        assertThat(video.mimes()).contains("video/mp4");
        assertThat(video.minduration()).isEqualTo(5);
        assertThat(video.maxduration()).isEqualTo(30);
        assertThat(video.protocols()).containsExactly(2, 3);
        assertThat(video.battr()).containsExactly(13, 14);
        assertThat(video.w()).isEqualTo(640);
    }

    @Test
    void readsGdprConsentAndUsPrivacyFromThe26Fields() {
        BidRequest request = decode("""
                {"id":"r","imp":[{"id":"1"}],
                 "regs":{"gdpr":1,"us_privacy":"1YNN","coppa":1},
                 "user":{"consent":"CO-consent","eids":[{"source":"id5","uids":[{"id":"x"}]}]},
                 "source":{"schain":{"complete":1,"ver":"1.0","nodes":[]}}}""");

        assertThat(request.regs().gdprApplies()).isTrue();
        assertThat(request.regs().us_privacy()).isEqualTo("1YNN");
        assertThat(request.regs().coppa()).isEqualTo(1);
        assertThat(request.user().consent()).isEqualTo("CO-consent");
    }

    @Test
    void readsGdprConsentAndUsPrivacyFromThe25Ext() {
        BidRequest request = decode("""
                {"id":"r","imp":[{"id":"1"}],
                 "regs":{"ext":{"gdpr":1,"us_privacy":"1YNN"}},
                 "user":{"ext":{"consent":"CO-consent","eids":[{"source":"id5","uids":[{"id":"x"}]}]}},
                 "source":{"ext":{"schain":{"complete":1,"ver":"1.0","nodes":[]}}}}""");

        assertThat(request.regs().gdprApplies()).isTrue();
        assertThat(request.regs().us_privacy()).isEqualTo("1YNN");
        assertThat(request.user().consent()).isEqualTo("CO-consent");
    }

    @Test
    void prefersThe26FieldWhenBothShapesAreSent() {
        BidRequest request = decode("""
                {"id":"r","imp":[{"id":"1"}],"regs":{"gdpr":0,"ext":{"gdpr":1}},
                 "user":{"consent":"new","ext":{"consent":"old"}}}""");

        assertThat(request.regs().gdprApplies()).isFalse();
        assertThat(request.user().consent()).isEqualTo("new");
    }

    @Test
    void saysGdprIsUnknownWhenTheRequestIsSilent() {
        assertThat(decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"regs\":{}}").regs().gdpr())
                .isEqualTo(Regs.GDPR_UNKNOWN);
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() {
        BidRequest request = decode("""
                {"id":"r","future":{"a":[1,{"b":null}],"c":"d"},"imp":[{"id":"1","x":[[]],
                 "banner":{"w":300,"h":250,"vendor":{"deep":{"er":true}}},"ext":{"prebid":{"bidder":{}}}}],
                 "ext":{"anything":1}}""");

        assertThat(request.imp().get(0).banner().w()).isEqualTo(300);
    }

    @Test
    void readsIntegersWrittenAsWholeDecimalsAndNumericIds() {
        BidRequest request = decode("{\"id\":12345,\"imp\":[{\"id\":1,\"banner\":{\"w\":300.0,\"h\":250}}]}");

        assertThat(request.id()).isEqualTo("12345");
        assertThat(request.imp().get(0).id()).isEqualTo("1");
        assertThat(request.imp().get(0).banner().w()).isEqualTo(300);
    }

    @Test
    void readsNullAsAbsent() {
        BidRequest request = decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":null,\"bidfloor\":null}],"
                + "\"site\":null,\"bcat\":null}");

        assertThat(request.imp().get(0).banner()).isNull();
        assertThat(request.site()).isNull();
        assertThat(request.bcat()).isNull();
    }

    /** Only what cannot be answered at all is refused; departures of a field are repaired (LenientDecodingTest). */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("", Kind.MALFORMED_JSON, "JSON object"),
                Arguments.of("{", Kind.MALFORMED_JSON, "truncated"),
                Arguments.of("[1,2]", Kind.MALFORMED_JSON, "JSON object"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]} trailing", Kind.MALFORMED_JSON, "byte"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]}{}", Kind.MALFORMED_JSON, "after"),
                Arguments.of("{\"imp\":[{\"id\":\"1\"}]}", Kind.MISSING_FIELD, "/id is required"),
                Arguments.of("{\"id\":\"\",\"imp\":[{\"id\":\"1\"}]}", Kind.MISSING_FIELD, "/id is required"),
                Arguments.of("{\"id\":null,\"imp\":[{\"id\":\"1\"}]}", Kind.MISSING_FIELD, "/id is required"),
                Arguments.of("{\"id\":{\"a\":1},\"imp\":[{\"id\":\"1\"}]}", Kind.WRONG_TYPE,
                        "/id: expected a string"),
                Arguments.of("{\"id\":true,\"imp\":[{\"id\":\"1\"}]}", Kind.WRONG_TYPE, "/id"),
                Arguments.of("{\"id\":\"r\"}", Kind.MISSING_FIELD, "/imp"),
                Arguments.of("{\"id\":\"r\",\"imp\":[]}", Kind.MISSING_FIELD, "/imp"),
                Arguments.of("{\"id\":\"r\",\"imp\":\"1\"}", Kind.MISSING_FIELD, "/imp"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{}]}", Kind.MISSING_FIELD, "/imp: an impression with a usable id"),
                Arguments.of("{\"id\":\"r\",\"imp\":[null]}", Kind.MISSING_FIELD, "usable id"),
                Arguments.of("{\"id\":\"r\",\"imp\":{\"banner\":{}}}", Kind.MISSING_FIELD, "usable id"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"\"},{\"id\":{\"x\":1}},[\"1\"]]}", Kind.MISSING_FIELD,
                        "usable id"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":1" + "0".repeat(100) + "}]}",
                        Kind.TOO_COMPLEX, "Number"),
                Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"ext\":" + "[".repeat(100) + "]".repeat(100)
                        + "}", Kind.TOO_COMPLEX, "nesting depth"));
    }

    static Stream<Arguments> refusalsAndTheIdTheyCarry() {
        return Stream.of(
                Arguments.of("{\"id\":\"r-1\",\"imp\":[]}", "r-1"),
                Arguments.of("{\"id\":\"r-2\",\"imp\":[{\"banner\":{\"w\":\"300\"}}]}", "r-2"),
                Arguments.of("{\"id\":\"r-3\",\"imp\":[{\"id\":\"1\"}]} trailing", "r-3"),
                Arguments.of("{\"id\":\"r-4\",\"imp\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]}", "r-4"),
                Arguments.of("{\"id\":\"r-5\",\"imp\":[{\"id\":\"1\",\"bidfloor\":1" + "0".repeat(100) + "}]}",
                        "r-5"),
                Arguments.of("{\"id\":\"r-6\",\"imp\":[{\"id\":\"1\"}", "r-6"),
                // Before the id was read, or without one: nothing to carry.
                Arguments.of("{\"ext\":" + "[".repeat(100) + "]".repeat(100)
                        + ",\"id\":\"r-7\",\"imp\":[{\"id\":\"1\"}]}", null),
                Arguments.of("{\"imp\":[{\"id\":\"1\"}]}", null),
                Arguments.of("{\"id\":\"\",\"imp\":[{\"id\":\"1\"}]}", null),
                Arguments.of("not json", null));
    }

    @ParameterizedTest
    @MethodSource("refusalsAndTheIdTheyCarry")
    void carriesTheRequestIdInARefusalFoundAfterTheIdWasRead(String json, String requestId) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strictAboutImps.decode(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.requestId()).isEqualTo(requestId));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadInputWithAReasonNamingThePlace(String json, Kind kind, String reason) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] json = "{\"id\":\"r\u0001\",\"imp\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_8);
        json[8] = (byte) 0xFF;

        assertThatThrownBy(() -> decoder.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_ENCODING));
    }

    @Test
    void refusesInvalidUtf8InFieldsItSkips() {
        byte[] json = "{\"id\":\"r\",\"junk\":\"ab\",\"imp\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_8);
        json[18] = (byte) 0xC3;

        assertThatThrownBy(() -> decoder.decode(json, 0, json.length))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void refusesMoreImpressionsThanConfigured() {
        BidRequestDecoder strict = new BidRequestDecoder(2, 256 * 1024);
        byte[] json = "{\"id\":\"r\",\"imp\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> strict.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_COMPLEX);
                    assertThat(e.getMessage()).contains("more than the 2 impressions accepted");
                });
    }

    @Test
    void refusesMoreImpressionsThanAnyArrayMayHoldEvenWhenConfiguredForMore() {
        BidRequestDecoder lax = new BidRequestDecoder(10_000, 1 << 20);
        StringBuilder imps = new StringBuilder();
        for (int i = 0; i < 1_100; i++) {
            imps.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\"}");
        }
        byte[] json = ("{\"id\":\"r\",\"imp\":[" + imps + "]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> lax.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_COMPLEX);
                    assertThat(e.getMessage()).contains("more than the 1024 impressions accepted");
                });
    }

    @Test
    void decodesAWindowOfALargerBuffer() {
        byte[] padded = "xx{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]}yy".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(padded, 2, padded.length - 4).id()).isEqualTo("r");
    }

    private static String example(String name) {
        return new String(OpenRtbExamples.request(name), StandardCharsets.UTF_8);
    }

    private BidRequest decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length);
    }
}
