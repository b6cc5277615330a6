package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NativeRequestDecoderTest {
    private static final BidRequestDecoder DECODER = new BidRequestDecoder(100, 1 << 20);

    static Stream<Arguments> specExamples() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean asString : new boolean[] {true, false}) {
            cases.add(Arguments.of("request-1.0.json", asString, "1", true, List.of(
                    "1 required title len 25", "2 required img type 3 min 100x100",
                    "3 optional img type 2 50x50", "4 optional data type 2 len 90")));
            cases.add(Arguments.of("request-1.1-content.json", asString, "1.1", false, List.of(
                    "123 required title len 140", "128 optional img type 3 min 836x627",
                    "126 required data type 1 len 25", "127 required data type 2 len 140")));
            cases.add(Arguments.of("request-1.2-social.json", asString, "1.2", false, List.of(
                    "123 required title len 140", "128 optional img type 3 min 836x627",
                    "124 required img type 1 min 50x50", "126 required data type 1 len 25",
                    "127 required data type 2 len 140")));
            // The optional video asset cannot be filled, so it is left out; the rest of the request stands.
            cases.add(Arguments.of("request-1.2-video.json", asString, "1.2", false, List.of(
                    "1 required title len 90", "3 required img type 3 1200x627 [image/jpeg, image/png]",
                    "4 optional data type 12 len 15")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, as a string: {1}")
    @MethodSource("specExamples")
    void decodesTheNativeSpecExamplesSentAsAStringOrAsAnObject(String fixture, boolean asString, String ver,
            boolean wrapped, List<String> assets) {
        Native nativeObject = nativeOf("\"request\":" + request(fixture(fixture), asString));

        assertThat(nativeObject.problem()).isNull();
        NativeRequest request = nativeObject.request();
        assertThat(request.ver()).isEqualTo(ver);
        assertThat(request.wrapped()).isEqualTo(wrapped);
        assertThat(request.assets()).extracting(NativeRequestDecoderTest::describe).containsExactlyElementsOf(assets);
    }

    @Test
    void readsTheEventTrackersThePlacementSupports() {
        NativeRequest request = nativeOf("\"request\":" + request(fixture("request-1.2-social.json"), true)).request();

        assertThat(request.eventtrackers()).hasSize(2);
        assertThat(request.eventtrackers().get(0).event()).isEqualTo(1);
        assertThat(request.eventtrackers().get(0).methods()).containsExactly(1, 2);
        assertThat(request.eventtrackers().get(1).supports(2)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "{\"ver\":\"1.2\",\"assets\":[{\"id\":1,\"title\":{}}]} | \"ver\":\"1.1\" | 1.2",
        "{\"assets\":[{\"id\":1,\"title\":{}}]}                   | \"ver\":\"1.1\" | 1.1",
        "{\"ver\":1.2,\"assets\":[{\"id\":1,\"title\":{}}]}       | none          | 1.2",
        "{\"assets\":[{\"id\":1,\"title\":{}}]}                   | \"ver\":1     | 1",
        "{\"ver\":\"1.2\\\"}\",\"assets\":[{\"id\":1,\"title\":{}}]} | none       | none",
        "{\"ver\":\"v1.2\",\"assets\":[{\"id\":1,\"title\":{}}]}  | none          | none",
        "{\"ver\":[1],\"assets\":[{\"id\":1,\"title\":{}}]}       | none          | none",
        "{\"assets\":[{\"id\":1,\"title\":{}}]}                   | none          | none"})
    void takesTheVersionFromTheRequestElseFromTheNativeObjectAndEchoesOnlyDigitsAndDots(String request,
            String nativeVer, String expected) {
        Native nativeObject = nativeOf("\"request\":" + quoted(request) + (nativeVer == null ? "" : "," + nativeVer));

        assertThat(nativeObject.request().ver()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a size as a string         | {\"id\":1,\"required\":1,\"img\":{\"type\":\"3\",\"w\":\"1200\",\"h\":\"627\"}} | 1 required img type 3 1200x627",
        "an integer as a decimal    | {\"id\":1.0,\"title\":{\"len\":90.0}}                                      | 1 optional title len 90",
        "required as true           | {\"id\":1,\"required\":true,\"title\":{\"len\":90}}                        | 1 required title len 90",
        "required as a string       | {\"id\":1,\"required\":\"1\",\"title\":{\"len\":90}}                       | 1 required title len 90",
        "required as false          | {\"id\":1,\"required\":false,\"title\":{\"len\":90}}                       | 1 optional title len 90",
        "one mime alone             | {\"id\":1,\"img\":{\"mimes\":\"image/png\"}}                               | 1 optional img type 0 0x0 [image/png]",
        "an exchange data type      | {\"id\":1,\"data\":{\"type\":501}}                                        | 1 optional data type 501 len 0",
        "an unknown image type      | {\"id\":1,\"img\":{\"type\":7}}                                           | 1 optional img type 7 0x0",
        "unknown fields             | {\"id\":1,\"ext\":{\"x\":[1,{\"y\":\"{}\"}]},\"title\":{\"len\":9,\"ext\":{}}} | 1 optional title len 9"})
    void coercesWhatItCanWithoutGuessing(String departure, String asset, String expected) {
        Native nativeObject = nativeOf("\"request\":" + quoted("{\"assets\":[" + asset + "]}"));

        assertThat(nativeObject.problem()).isNull();
        assertThat(nativeObject.request().assets()).extracting(NativeRequestDecoderTest::describe)
                .containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unreadable size        | {\"id\":9,\"img\":{\"w\":\"wide\"}}",
        "a video                   | {\"id\":9,\"video\":{\"mimes\":[\"video/mp4\"]}}",
        "no id                     | {\"title\":{\"len\":9}}",
        "a negative id             | {\"id\":-1,\"title\":{\"len\":9}}",
        "two kinds                 | {\"id\":9,\"title\":{},\"img\":{}}",
        "no kind                   | {\"id\":9}",
        "a data asset with no type | {\"id\":9,\"data\":{\"len\":9}}",
        "a title that is a string  | {\"id\":9,\"title\":\"Hello\"}",
        "mimes of numbers          | {\"id\":9,\"img\":{\"mimes\":[1]}}"})
    void dropsAnOptionalAssetItCannotFill(String departure, String asset) {
        Native nativeObject = nativeOf("\"request\":" + quoted("{\"assets\":[{\"id\":1,\"title\":{}}," + asset + "]}"));

        assertThat(nativeObject.problem()).isNull();
        assertThat(nativeObject.request().assets()).extracting(NativeRequest.Asset::id).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "required and unreadable    | \"{\\\"assets\\\":[{\\\"id\\\":1,\\\"required\\\":1,\\\"img\\\":{\\\"w\\\":[]}}]}\" | required asset id 1 cannot be filled: a field is unreadable",
        "required video             | \"{\\\"assets\\\":[{\\\"id\\\":2,\\\"required\\\":1,\\\"video\\\":{}}]}\" | required asset id 2 cannot be filled: video assets are not supported",
        "required without an id     | \"{\\\"assets\\\":[{\\\"required\\\":1,\\\"title\\\":{}}]}\"           | required asset at 0 cannot be filled: it has no usable id",
        "required with two kinds    | \"{\\\"assets\\\":[{\\\"id\\\":1,\\\"required\\\":2,\\\"title\\\":{},\\\"data\\\":{\\\"type\\\":1}}]}\" | it must have exactly one of title, img, data, video",
        "an asset that is a number  | \"{\\\"assets\\\":[1]}\"                                            | asset 0 is not an object",
        "the same id twice          | \"{\\\"assets\\\":[{\\\"id\\\":1,\\\"title\\\":{}},{\\\"id\\\":1,\\\"data\\\":{\\\"type\\\":1}}]}\" | uses asset id 1 twice",
        "assets as an object        | \"{\\\"assets\\\":{\\\"id\\\":1,\\\"title\\\":{}}}\"                    | has no assets array",
        "no assets                  | \"{\\\"ver\\\":\\\"1.2\\\"}\"                                        | has no asset the bidder can fill",
        "only assets it cannot fill | \"{\\\"assets\\\":[{\\\"id\\\":1,\\\"video\\\":{}}]}\"                   | has no asset the bidder can fill",
        "not JSON                   | \"{\\\"assets\\\":[ ... ]}\"                                         | does not hold valid JSON",
        "an empty string            | \"\"                                                            | does not hold a JSON object",
        "an array                   | \"[]\"                                                          | does not hold a JSON object",
        "two objects                | \"{\\\"assets\\\":[{\\\"id\\\":1,\\\"title\\\":{}}]}{}\"               | holds more than one JSON value",
        "a number                   | 12                                                              | is neither a JSON string nor an object",
        "null                       | null                                                            | is required"})
    void makesTheImpressionUnbiddableAsNativeWithAReasonButNeverFailsTheRequest(String departure, String request,
            String problem) {
        BidRequest bidRequest = decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},"
                + "\"native\":{\"request\":" + request + ",\"battr\":[3]}}]}");

        Native nativeObject = bidRequest.imp().get(0).native_();
        assertThat(nativeObject.request()).isNull();
        assertThat(nativeObject.problem()).startsWith("/imp/0/native/request").contains(problem);
        assertThat(nativeObject.battr()).containsExactly(3);
        assertThat(bidRequest.imp().get(0).banner().w()).isEqualTo(300);
    }

    @Test
    void saysSoWhenTheNativeObjectHasNoRequest() {
        assertThat(nativeOf("\"ver\":\"1.2\"").problem()).isEqualTo("/imp/0/native/request is required");
    }

    /** The 2.5 native example elides its assets as "[ ... ]": no parser reads it, and no bid can answer it. */
    @Test
    void readsTheIabNativeExampleWhoseRequestElidesItsAssetsAsUnbiddable() {
        byte[] json = OpenRtbExamples.request("2.5/native-ad.json");

        Native nativeObject = DECODER.decode(json, 0, json.length).imp().get(0).native_();

        assertThat(nativeObject.problem()).startsWith("/imp/0/native/request does not hold valid JSON");
        assertThat(nativeObject.ver()).isEqualTo("1.0");
        assertThat(nativeObject.battr()).containsExactly(13, 14);
    }

    @Test
    void readsAtMost64Assets() {
        StringBuilder assets = new StringBuilder();
        for (int id = 1; id <= NativeRequestDecoder.MAX_ASSETS + 1; id++) {
            assets.append(id > 1 ? "," : "").append("{\"id\":").append(id).append(",\"title\":{}}");
        }

        assertThat(nativeOf("\"request\":" + quoted("{\"assets\":[" + assets + "]}")).problem())
                .endsWith("has more than 64 assets");
        assertThat(nativeOf("\"request\":{\"assets\":[" + assets + "]}").problem())
                .endsWith("has more than 64 assets");
    }

    @Test
    void refusesARequestStringLongerThanTheLimitWithoutParsingIt() {
        String padding = " ".repeat(NativeRequestDecoder.MAX_REQUEST_CHARS);

        assertThat(nativeOf("\"request\":" + quoted("{\"assets\":[{\"id\":1,\"title\":{}}]}" + padding)).problem())
                .endsWith("is longer than 16384 characters");
    }

    @Test
    void boundsTheNestingInsideTheRequestString() {
        String nested = "[".repeat(1000) + "]".repeat(1000);

        Native nativeObject = nativeOf("\"request\":" + quoted("{\"assets\":[{\"id\":1,\"title\":{}}],\"ext\":" + nested + "}"));

        assertThat(nativeObject.problem()).contains("does not hold valid JSON").contains("nesting depth");
    }

    @Test
    void parsesTheRequestOnceWhenTheKeyIsRepeated() {
        Native firstValid = nativeOf("\"request\":" + quoted("{\"assets\":[{\"id\":1,\"title\":{}}]}")
                + ",\"request\":\"not json\"");
        Native firstBroken = nativeOf("\"request\":\"not json\",\"request\":"
                + quoted("{\"assets\":[{\"id\":1,\"title\":{}}]}"));

        assertThat(firstValid.problem()).isNull();
        assertThat(firstValid.request().assets()).hasSize(1);
        assertThat(firstBroken.problem()).contains("does not hold valid JSON");
    }

    /** A request string that holds JSON in a string of its own: only the outer level is ever parsed. */
    @Test
    void neverParsesJsonNestedInAStringInsideTheRequest() {
        String inner = quoted(quoted(quoted("{\"assets\":[{\"id\":1,\"title\":{}}]}")));

        Native nativeObject = nativeOf("\"request\":" + quoted("{\"assets\":[{\"id\":2,\"title\":{}}],\"ext\":" + inner
                + ",\"native\":" + inner + "}"));

        assertThat(nativeObject.problem()).isNull();
        assertThat(nativeObject.request().assets()).extracting(NativeRequest.Asset::id).containsExactly(2);
        assertThat(nativeObject.request().wrapped()).isFalse();
    }

    @Test
    void unwrapsOnlyOneLevelOfNative() {
        Native nativeObject = nativeOf("\"request\":" + quoted(
                "{\"native\":{\"native\":{\"assets\":[{\"id\":1,\"title\":{}}]},\"assets\":[{\"id\":2,\"title\":{}}]}}"));

        assertThat(nativeObject.request().wrapped()).isTrue();
        assertThat(nativeObject.request().assets()).extracting(NativeRequest.Asset::id).containsExactly(2);
    }

    @Test
    void decodesTheSameRequestFromAStringAndFromAnObject() throws JsonProcessingException {
        String fixture = fixture("request-1.2-social.json");

        Native fromString = nativeOf("\"request\":" + request(fixture, true) + ",\"ver\":\"1.2\"");
        Native fromObject = nativeOf("\"request\":" + request(fixture, false) + ",\"ver\":\"1.2\"");

        JsonNode expected = Json.MAPPER.valueToTree(fromString);
        JsonNode actual = Json.MAPPER.valueToTree(fromObject);
        assertThat(actual).isEqualTo(expected);
    }

    /** {@code "w":300,"h":250}-like fields of one asset, in a line a table can hold. */
    static String describe(NativeRequest.Asset asset) {
        String head = asset.id() + (asset.isRequired() ? " required " : " optional ");
        if (asset.title() != null) {
            return head + "title len " + asset.title().len();
        }
        if (asset.data() != null) {
            return head + "data type " + asset.data().type() + " len " + asset.data().len();
        }
        NativeRequest.Img img = asset.img();
        String size = img.wmin() > 0 || img.hmin() > 0 ? "min " + img.wmin() + "x" + img.hmin() : img.w() + "x" + img.h();
        return head + "img type " + img.type() + " " + size + (img.mimes() == null ? "" : " " + img.mimes());
    }

    static String fixture(String name) {
        try (InputStream in = NativeRequestDecoderTest.class.getResourceAsStream("/native/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native request as {@code imp.native.request} carries it: a JSON string, or the object itself. */
    static String request(String json, boolean asString) {
        try {
            String compact = Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(json));
            return asString ? quoted(compact) : compact;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Native nativeOf(String nativeFields) {
        return decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{" + nativeFields + "}}]}").imp().get(0).native_();
    }

    private static BidRequest decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return DECODER.decode(bytes, 0, bytes.length);
    }
}
