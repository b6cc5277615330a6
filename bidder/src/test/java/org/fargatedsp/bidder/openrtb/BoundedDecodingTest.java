package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.fargatedsp.bidder.openrtb.BadRequestException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounds on what a request may make the decoder read: JSON only in UTF-8 (RFC 8259 section 8.1), strings no
 * longer than their field's cap (an echoed id refused, another value dropped, neither decoded), and no more tokens
 * or longer names than a request needs.
 */
class BoundedDecodingTest {
    private static final String VALID = "{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]}";
    private final BidRequestDecoder decoder = new BidRequestDecoder(100, 64 * 1024);

    /** Each body: the hex bytes spliced into the string of the request's {@code ext.x}, and the reason given. */
    static Stream<Arguments> malformedUtf8() {
        return Stream.of(
                Arguments.of("c0af", "overlong"),
                Arguments.of("c1bf", "overlong"),
                Arguments.of("e080af", "overlong"),
                Arguments.of("f08080af", "overlong"),
                Arguments.of("eda080", "surrogate"),
                Arguments.of("edbfbf", "surrogate"),
                Arguments.of("f4908080", "above U+10FFFF"),
                Arguments.of("f5808080", "starts no character"),
                Arguments.of("ff", "starts no character"),
                Arguments.of("80", "starts no character"),
                Arguments.of("c3", "cut short"),
                Arguments.of("e282", "cut short"),
                Arguments.of("f09f98", "cut short"),
                Arguments.of("00", "NUL byte"));
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8")
    void refusesMalformedUtf8EvenInAFieldItSkips(String hex, String reason) {
        byte[] json = splice("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"ext\":{\"x\":\"a", HexFormat.of().parseHex(hex),
                "z\"}}");

        assertThatThrownBy(() -> decoder.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_ENCODING);
                    assertThat(e.getMessage()).contains(reason).contains("at byte 42");
                });
    }

    static Stream<Arguments> otherEncodings() {
        return Stream.of(
                Arguments.of(StandardCharsets.UTF_16BE, "", "NUL byte"),
                Arguments.of(StandardCharsets.UTF_16LE, "", "NUL byte"),
                Arguments.of(StandardCharsets.UTF_16BE, "\uFEFF", "UTF-16 or UTF-32 byte order mark"),
                Arguments.of(StandardCharsets.UTF_16LE, "\uFEFF", "UTF-16 or UTF-32 byte order mark"),
                Arguments.of(Charset.forName("UTF-32LE"), "\uFEFF", "UTF-16 or UTF-32 byte order mark"),
                Arguments.of(Charset.forName("UTF-32BE"), "", "NUL byte"),
                Arguments.of(StandardCharsets.UTF_8, "\uFEFF", "starts with a byte order mark"));
    }

    /** The parser would read all of these, guessing the encoding from the first bytes; JSON allows only UTF-8. */
    @ParameterizedTest
    @MethodSource("otherEncodings")
    void refusesUtf16Utf32AndAByteOrderMark(Charset charset, String bom, String reason) {
        byte[] json = (bom + VALID).getBytes(charset);

        assertThatThrownBy(() -> decoder.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_ENCODING);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void readsWellFormedUtf8OfEveryLengthUpToTheLastCodePoint() {
        String id = "a\u00e9\u20ac\uffff\ud83d\ude00\udbff\udfff";

        BidRequest request = decode("{\"id\":\"r\",\"imp\":[{\"id\":\"" + id + "\"}],\"site\":{\"domain\":\""
                + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9" + "\"}}");

        assertThat(request.imp().get(0).id()).isEqualTo(id);
    }

    /** An id at its cap, written four ways: plain, escaped, in two-byte and in four-byte characters. */
    static Stream<String> idsOfExactlyTheCap() {
        return Stream.of("a".repeat(128), "\\u0061".repeat(128), "\u00e9".repeat(128), "\ud83d\ude00".repeat(64),
                "\\\"".repeat(128));
    }

    @ParameterizedTest
    @MethodSource("idsOfExactlyTheCap")
    void acceptsIdsOfExactlyTheCapHoweverTheyAreWritten(String id) {
        BidRequest request = decode("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"" + id
                + "\",\"pmp\":{\"deals\":[{\"id\":\"" + id + "\"}]}}]}");

        assertThat(request.id()).hasSize(RepairField.MAX_CHARS);
        assertThat(request.imp().get(0).id()).hasSize(RepairField.MAX_CHARS);
        assertThat(request.imp().get(0).pmp().deals().get(0).id()).hasSize(RepairField.MAX_CHARS);
    }

    /** The request with one id a character over the cap, and the place the refusal names. */
    static Stream<Arguments> idsOneCharacterOverTheCap() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String id : new String[] {"b".repeat(129), "\\u0062".repeat(129), "\ud83d\ude00".repeat(64) + "b"}) {
            cases.add(Arguments.of("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\"}]}", "/id"));
            cases.add(Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"},{\"id\":\"" + id + "\"}]}", "/imp/1/id"));
            cases.add(Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"pmp\":{\"deals\":[{\"id\":\"d\"},{\"id\":\""
                    + id + "\"}]}}]}", "/imp/0/pmp/deals/1/id"));
        }
        return cases.build();
    }

    /** The response and the bid log echo them, and a notice naming one could not be read back (README, Notices). */
    @ParameterizedTest
    @MethodSource("idsOneCharacterOverTheCap")
    void refusesAnEchoedIdLongerThanTheCapWithoutEchoingIt(String json, String place) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.OUT_OF_RANGE);
                    assertThat(e.getMessage()).isEqualTo(place + " is longer than 128 characters, the most an id may"
                            + " have");
                    assertThat(e.requestId()).isIn(null, "r");
                });
    }

    /**
     * A megabyte of id with no closing quote: decoding it would end at the missing quote ("truncated JSON"); the
     * refusal says the id is too long because no more than the cap's worth of it was ever read.
     */
    @Test
    void refusesALongIdHavingReadNoMoreOfItThanTheCap() {
        byte[] json = ("{\"imp\":[{\"id\":\"1\"}],\"id\":\"" + "x".repeat(1 << 20)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(json, 0, json.length))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("/id is longer than 128 characters, the most an id"
                                + " may have"));
    }

    /** A value longer than its cap is dropped, at the cost its field's scope says, and nothing of it is kept. */
    static Stream<Arguments> valuesOverTheirCap() {
        String long129 = "v".repeat(129);
        return Stream.of(
                Arguments.of("\"site\":{\"domain\":\"" + long129 + "\"}", RepairField.SITE_DOMAIN, true),
                Arguments.of("\"app\":{\"bundle\":\"" + long129 + "\"}", RepairField.APP_BUNDLE, true),
                Arguments.of("\"bcat\":[\"IAB1\",\"" + long129 + "\"]", RepairField.BCAT, true),
                Arguments.of("\"cur\":\"" + long129 + "\"", RepairField.CUR, true),
                Arguments.of("\"device\":{\"ifa\":\"" + long129 + "\"}", RepairField.DEVICE_IFA, false),
                Arguments.of("\"device\":{\"ua\":\"" + "u".repeat(RepairField.MAX_OPAQUE_CHARS + 1) + "\"}",
                        RepairField.DEVICE_UA, false),
                Arguments.of("\"tmax\":\"" + "1".repeat(65) + "\"", RepairField.TMAX, false));
    }

    @ParameterizedTest
    @MethodSource("valuesOverTheirCap")
    void dropsAnotherValueLongerThanItsCap(String field, RepairField repaired, boolean costsTheRequest) {
        Repairs repairs = new Repairs();
        byte[] json = ("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]," + field + "}").getBytes(StandardCharsets.UTF_8);

        BidRequest request = decoder.decode(json, 0, json.length, repairs);

        assertThat(repairs.count(repaired)).isEqualTo(1);
        assertThat(repairs.kind(0)).isEqualTo(Repairs.Kind.DROPPED);
        assertThat(request.unbiddable()).isEqualTo(costsTheRequest ? repaired : null);
        assertThat(String.valueOf(request)).doesNotContain("v".repeat(129), "uuuu", "1111");
    }

    @Test
    void keepsAnOpaqueStringAtItsCap() {
        String ua = "u".repeat(RepairField.MAX_OPAQUE_CHARS);

        BidRequest request = decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"device\":{\"ua\":\"" + ua + "\"}}");

        assertThat(request.device().ua()).isEqualTo(ua);
    }

    @Test
    void refusesMoreTokensThanARequestNeeds() {
        String zeros = "0,".repeat(BidRequestDecoder.MAX_TOKENS);

        assertThatThrownBy(() -> decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"ext\":[" + zeros + "0]}"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_COMPLEX);
                    assertThat(e.getMessage()).contains("Token count").contains("20000");
                });
    }

    @Test
    void refusesAFieldNameLongerThanAnyTheSpecHas() {
        String name = "n".repeat(BidRequestDecoder.MAX_NAME_CHARS + 1);

        assertThatThrownBy(() -> decode("{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}],\"ext\":{\"" + name + "\":1}}"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TOO_COMPLEX));
    }

    /** A parser on another input than the body being decoded (a Native request string's) is measured by decoding. */
    @Test
    void measuresAStringOfAnotherParserByDecodingIt() throws IOException {
        try (JsonParser p = new JsonFactory().createParser("[\"abc\",\"\"]")) {
            p.nextToken();
            p.nextToken();

            assertThat(StringCaps.longer(p, 2)).isTrue();
            assertThat(StringCaps.longer(p, 3)).isFalse();
            p.nextToken();
            assertThat(StringCaps.empty(p)).isTrue();
        }
    }

    private BidRequest decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length);
    }

    private static byte[] splice(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
