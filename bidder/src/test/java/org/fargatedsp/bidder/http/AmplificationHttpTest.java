package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.junit.jupiter.api.Test;

/**
 * What a request can make the bidder send back or keep, against what it costs to send, over real sockets: an id
 * padded to a megabyte is refused without being echoed or logged, and a source that costs the event loop more
 * than its share is answered {@code 429} until it is back within it.
 */
class AmplificationHttpTest {
    private static final byte[] BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    private static final String LONG_ID = "a".repeat(1 << 20);

    /** The id cap holds on its own: with body limits raised past a megabyte, the id alone is refused. */
    @Test
    void refusesAMegabyteIdWithoutEchoingOrLoggingIt() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("MAX_BODY_BYTES", "2097152",
                "MAX_INFLATED_BODY_BYTES", "2097152"));
        try {
            RawHttp.Response plain;
            RawHttp.Response gzipped;
            RawHttp.Response inImpression;
            RawHttp.Response real;
            try (RawHttp connection = new RawHttp(server.port())) {
                connection.write(RawHttp.post("/openrtb2/bid", withId(LONG_ID)));
                plain = connection.read();
                // 1 MiB of id in 1 KiB of gzip: refused after inflating it, before decoding it.
                connection.write(RawHttp.post("/openrtb2/bid", WarmupPaths.gzip(withId(LONG_ID)),
                        "Content-Encoding: gzip"));
                gzipped = connection.read();
                connection.write(RawHttp.post("/openrtb2/bid", withImpId(LONG_ID)));
                inImpression = connection.read();
                connection.write(RawHttp.post("/openrtb2/bid", withId("real-request")));
                real = connection.read();
            }
            server.bidder().stopNow();

            assertThat(List.of(plain, gzipped)).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(400);
                assertThat(response.text()).isEqualTo("/id is longer than 128 characters, the most an id may have\n");
            });
            assertThat(inImpression.status()).isEqualTo(400);
            assertThat(inImpression.body().length).isLessThan(200);
            assertThat(real.status()).isEqualTo(200);
            assertThat(server.bidder().stats().badRequests(BadRequestException.Kind.OUT_OF_RANGE)).isEqualTo(3);
            String bidLog = bidLogText(server.bidLogDir());
            assertThat(bidLog).as("the bid log has the real request").contains("real-request");
            assertThat(bidLog).doesNotContain("a".repeat(129));
        } finally {
            server.close();
        }
    }

    /** With the default limits such a body is refused sooner: at its size, or when it inflates past the limit. */
    @Test
    void refusesAMegabyteIdByItsSizeUnderTheDefaultLimits() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of());
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/openrtb2/bid", WarmupPaths.gzip(withId(LONG_ID)),
                    "Content-Encoding: gzip"));
            RawHttp.Response bomb = connection.read();
            connection.write(RawHttp.post("/openrtb2/bid", WarmupPaths.gzip(withId("b".repeat(60_000))),
                    "Content-Encoding: gzip"));
            RawHttp.Response underTheLimit = connection.read();

            assertThat(bomb.status()).isEqualTo(413);
            assertThat(bomb.text()).contains("inflates to more than 65536 bytes");
            assertThat(underTheLimit.status()).isEqualTo(400);
            assertThat(underTheLimit.text()).doesNotContain("bbbb");
        } finally {
            server.close();
        }
    }

    /**
     * Each source's requests cost the loop their handling time, against 1% of the loop with a bucket of 10 µs:
     * one request of 36 KB to skip puts its source in debt for far longer than the pipelined requests after it
     * take to arrive. The source is the last X-Forwarded-For address, the one the ALB appends.
     */
    @Test
    void answersASourceOverItsShareOfTheLoopWith429AndOthersAsUsual() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of("SOURCE_CPU_PERCENT", "1", "SOURCE_CPU_BURST_MS", "1"));
        byte[] costly = withPadding(36_000);
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(concat(
                    RawHttp.post("/openrtb2/bid", costly, "X-Forwarded-For: 203.0.113.1"),
                    RawHttp.post("/openrtb2/bid", BANNER, "X-Forwarded-For: 203.0.113.1"),
                    RawHttp.post("/openrtb2/bid", costly, "X-Forwarded-For: 203.0.113.2"),
                    RawHttp.post("/openrtb2/bid", BANNER, "X-Forwarded-For: 203.0.113.2, 203.0.113.1"),
                    RawHttp.post("/openrtb2/bid", BANNER, "X-Forwarded-For: 203.0.113.1, 203.0.113.3"),
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.1\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));

            RawHttp.Response first = connection.read();
            RawHttp.Response again = connection.read();
            RawHttp.Response other = connection.read();
            RawHttp.Response forwardedByAnother = connection.read();
            RawHttp.Response forwardingAnother = connection.read();
            RawHttp.Response health = connection.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(again.status()).isEqualTo(429);
            // Whole seconds until the debt is paid back at 1%: the cold first request's time, a hundredfold.
            assertThat(Integer.parseInt(again.header("retry-after"))).isPositive();
            assertThat(again.text()).contains("more than its share");
            assertThat(other.status()).as("another source").isEqualTo(200);
            assertThat(forwardedByAnother.status()).as("the last address is the source").isEqualTo(429);
            assertThat(forwardingAnother.status()).isEqualTo(200);
            assertThat(health.status()).as("/health is never refused").isEqualTo(200);
            assertThat(server.bidder().stats().badRequests(BadRequestException.Kind.OVER_CPU_BUDGET)).isEqualTo(2);
        } finally {
            server.close();
        }
    }

    private static byte[] withId(String id) {
        return with(tree -> tree.put("id", id));
    }

    private static byte[] withImpId(String id) {
        return with(tree -> ((ObjectNode) tree.get("imp").get(0)).put("id", id));
    }

    /** The banner with {@code bytes} of zeros in an {@code ext} array the bidder skips. */
    private static byte[] withPadding(int bytes) {
        return with(tree -> {
            var zeros = tree.putObject("ext").putArray("padding");
            for (int i = 0; i < bytes / 2; i++) {
                zeros.add(0);
            }
        });
    }

    private static byte[] with(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(BANNER);
            change.accept(tree);
            return Json.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bidLogText(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
