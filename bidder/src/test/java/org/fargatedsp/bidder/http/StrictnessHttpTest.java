package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9112 as the bidder holds clients to it, over real sockets with requests written by hand: what the protocol
 * lets a server refuse is refused with {@code 400}, a reason and a closed connection, so that nothing after it on
 * the connection (a smuggled request) is read; what it allows is answered.
 */
class StrictnessHttpTest {
    private static final byte[] BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    private static final String BANNER_TEXT = new String(BANNER, StandardCharsets.UTF_8);
    private static RunningBidder server;

    @BeforeAll
    static void start() {
        server = RunningBidder.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A request that must be refused, the reason it is refused with, and a request smuggled after it. */
    static Stream<Arguments> refusedHeads() {
        String body = "Content-Type: application/json\r\nContent-Length: " + BANNER.length + "\r\n\r\n" + BANNER_TEXT;
        String chunked = "Content-Type: application/json\r\n\r\n" + chunks(BANNER_TEXT);
        return Stream.of(
                Arguments.of("obs-fold", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\nX-Note: one\r\n two\r\n"
                        + body, "obs-fold"),
                Arguments.of("obs-fold with a tab", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\nX-Note: a\r\n"
                        + "\tb\r\n" + body, "obs-fold"),
                Arguments.of("obs-fold of the Host", "GET /health HTTP/1.1\r\nHost: local\r\n host\r\n\r\n",
                        "obs-fold"),
                // The decoder refuses these itself.
                Arguments.of("whitespace before the first header", "GET /health HTTP/1.1\r\n Host: localhost\r\n\r\n",
                        "\"token\" characters"),
                Arguments.of("obs-fold in the trailer", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n" + chunked.replace("0\r\n\r\n", "0\r\nX-T: a\r\n b\r\n\r\n"),
                        "trailer line starts with whitespace"),
                Arguments.of("gzip, chunked", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: gzip, chunked\r\n" + chunked, "Transfer-Encoding \"gzip, chunked\""),
                Arguments.of("chunked twice in one line", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked, chunked\r\n" + chunked, "more than once"),
                Arguments.of("chunked in two lines", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n" + chunked,
                        "more than once"),
                Arguments.of("chunked and identity", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n" + chunked,
                        "only a lone chunked"),
                Arguments.of("identity", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: identity\r\n" + body, "chunked"),
                Arguments.of("chunked and a length", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n" + body, "malformed HTTP request"),
                Arguments.of("chunked in HTTP/1.0", "POST /openrtb2/bid HTTP/1.0\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n" + chunked, "malformed HTTP request"),
                Arguments.of("no Host", "POST /openrtb2/bid HTTP/1.1\r\n" + body, "needs a Host header"),
                Arguments.of("two Hosts", "GET /health HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n",
                        "more than one Host"),
                Arguments.of("two Hosts in HTTP/1.0", "GET /health HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
                        "more than one Host"),
                Arguments.of("a Host with a space", "GET /health HTTP/1.1\r\nHost: local host\r\n\r\n",
                        "Host \"local host\" is not a host and port"),
                Arguments.of("a Host with a path", "GET /health HTTP/1.1\r\nHost: localhost/x\r\n\r\n",
                        "is not a host and port"),
                Arguments.of("a Host with userinfo", "GET /health HTTP/1.1\r\nHost: user@localhost\r\n\r\n",
                        "is not a host and port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHeads")
    void refusesWithAReasonClosesAndAnswersNothingSmuggledAfter(String name, String request, String reason)
            throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(request + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains(reason);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).as("the request after it is never answered").isTrue();
        }
    }

    /**
     * Each is allowed, and the request pipelined after it is read where its framing says it starts: the folded
     * header in that one is found only if the scanner in front of the codec kept in step.
     */
    static Stream<Arguments> acceptedHeads() {
        return Stream.of(
                Arguments.of("a lone chunked", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n" + chunks(BANNER_TEXT),
                        200),
                Arguments.of("Chunked with a trailer and an extension", "POST /openrtb2/bid HTTP/1.1\r\n"
                        + "Host: localhost\r\nTransfer-Encoding: Chunked\r\n\r\n"
                        + chunks(BANNER_TEXT).replace("0\r\n\r\n", "0;note=x\r\nX-Trailer: t\r\n\r\n"), 200),
                Arguments.of("a body holding CRLF and spaces", "POST /openrtb2/bid HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: " + (BANNER.length + 7) + "\r\n\r\n\r\n \t\r\n " + BANNER_TEXT, 200),
                Arguments.of("empty lines before it", "\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", 200),
                Arguments.of("HTTP/1.0 without Host", "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 200),
                Arguments.of("a Host with a port", "GET /health HTTP/1.1\r\nHost: bid.example.com:8080\r\n\r\n", 200),
                Arguments.of("an IPv6 Host", "GET /health HTTP/1.1\r\nHost: [2001:db8::1]:443\r\n\r\n", 200),
                Arguments.of("an empty Host", "GET /health HTTP/1.1\r\nHost:\r\n\r\n", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedHeads")
    void answersWhatTheProtocolAllowsAndTheRequestAfterIt(String name, String request, int status)
            throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(request + "GET /health HTTP/1.1\r\nHost: localhost\r\nX: a\r\n b\r\n\r\n");

            RawHttp.Response first = connection.read();
            assertThat(first.status()).as(first.text()).isEqualTo(status);
            assertThat(connection.read().text()).contains("obs-fold");
        }
    }

    /** The scanner keeps its place across reads: a head delivered a few bytes at a time is still checked. */
    @Test
    void findsAFoldSplitAcrossWrites() throws IOException {
        byte[] request = ("GET /health HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n b\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RawHttp connection = new RawHttp(server.port())) {
            for (int at = 0; at < request.length; at += 3) {
                connection.write(java.util.Arrays.copyOfRange(request, at, Math.min(at + 3, request.length)));
            }

            assertThat(connection.read().status()).isEqualTo(400);
        }
    }

    /** A body that is not UTF-8 JSON, and the reason it is refused with (RFC 8259, 8.1). */
    static Stream<Arguments> bodiesNotInUtf8() {
        return Stream.of(
                Arguments.of("an overlong slash", splice(BANNER_TEXT.replace("\"80ce", "\"80ce#"), "#",
                        "c0af"), "overlong"),
                Arguments.of("a surrogate", splice(BANNER_TEXT.replace("\"80ce", "\"80ce#"), "#",
                        "eda080"), "surrogate"),
                Arguments.of("UTF-16", BANNER_TEXT.getBytes(StandardCharsets.UTF_16LE), "NUL byte"),
                Arguments.of("UTF-16 with its BOM", ("\uFEFF" + BANNER_TEXT).getBytes(StandardCharsets.UTF_16BE),
                        "byte order mark"),
                Arguments.of("UTF-8 with a BOM", ("\uFEFF" + BANNER_TEXT).getBytes(StandardCharsets.UTF_8),
                        "byte order mark"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesNotInUtf8")
    void refusesABodyThatIsNotUtf8(String name, byte[] body, String reason) throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/openrtb2/bid", body));

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains(reason);
        }
    }

    @Test
    void refusesBytesAfterTheEndOfTheGzipStream() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(WarmupPaths.gzip(BANNER));
        body.writeBytes(WarmupPaths.gzip("{\"id\":\"smuggled\",\"imp\":[{\"id\":\"1\"}]}"
                .getBytes(StandardCharsets.UTF_8)));
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/openrtb2/bid", body.toByteArray(), "Content-Encoding: gzip"));

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).contains("follow the end of the gzip member");
        }
    }

    /**
     * Dot segments (RFC 3986, 5.2.4), which a proxy would resolve to another path, are no exchange's name; a name
     * with a letter or digit is, dots and all.
     */
    @ParameterizedTest
    @CsvSource({".,400", "..,400", "...,400", "-,400", "_.-,400", "x,200", "ex.change,200", "a..b,200", ".5,200",
        "exchange_1-eu,200"})
    void takesAnExchangeNameOnlyWithALetterOrDigit(String name, int status) throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/openrtb2/bid/" + name, BANNER));

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(status);
            if (status == 400) {
                assertThat(response.text()).contains("at least one letter or digit");
            }
        }
    }

    /** {@code body} as chunks of at most 100 bytes, then the last chunk and an empty trailer section. */
    private static String chunks(String body) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < body.length(); at += 100) {
            String chunk = body.substring(at, Math.min(at + 100, body.length()));
            out.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length)).append("\r\n")
                    .append(chunk).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }

    private static byte[] splice(String text, String marker, String hex) {
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(HexFormat.of().parseHex(hex));
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
