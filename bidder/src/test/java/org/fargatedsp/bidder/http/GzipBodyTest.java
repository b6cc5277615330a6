package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BadRequestException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A gzip body is one RFC 1952 member, checked to its trailer, with nothing after it, and inflated to a limit. */
class GzipBodyTest {
    private static final byte[] BODY = "{\"id\":\"r\",\"imp\":[{\"id\":\"1\"}]}".repeat(40)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void inflatesWhatGzipOutputStreamWrites() {
        assertThat(inflate(gzip(BODY), 1 << 20)).isEqualTo(BODY);
    }

    /** FEXTRA, FNAME, FCOMMENT and FHCRC (RFC 1952, 2.3.1), which java.util.zip never writes, are read past. */
    @Test
    void readsPastEveryOptionalHeaderField() {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, (byte) 255});
        member.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        member.writeBytes("name.json\0".getBytes(StandardCharsets.ISO_8859_1));
        member.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        member.writeBytes(new byte[] {0x12, 0x34});
        member.writeBytes(deflate(BODY));
        member.writeBytes(trailer(BODY, BODY.length));

        assertThat(inflate(member.toByteArray(), 1 << 20)).isEqualTo(BODY);
    }

    @Test
    void inflatesABodyExactlyAtTheLimitAndRefusesOneByteMore() {
        assertThat(inflate(gzip(BODY), BODY.length)).isEqualTo(BODY);
        assertThatThrownBy(() -> inflate(gzip(BODY), BODY.length - 1))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BODY_TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("the gzip body inflates to more than " + (BODY.length - 1)
                            + " bytes");
                });
    }

    /** The aggregator hands over a body in the pieces it arrived in. */
    @Test
    void inflatesABodyInManyPieces() {
        byte[] gzipped = gzip(BODY);
        CompositeByteBuf pieces = Unpooled.compositeBuffer();
        for (int at = 0; at < gzipped.length; at += 7) {
            pieces.addComponent(true, Unpooled.wrappedBuffer(Arrays.copyOfRange(gzipped, at,
                    Math.min(at + 7, gzipped.length))));
        }
        try {
            int length = GzipBody.inflate(pieces, BidScratch.current(), 1 << 20);

            assertThat(Arrays.copyOf(BidScratch.current().body(), length)).isEqualTo(BODY);
        } finally {
            pieces.release();
        }
    }

    static Stream<Arguments> brokenMembers() {
        return Stream.of(
                Arguments.of("a byte after the member", change(g -> concat(g, new byte[] {0})),
                        "1 bytes follow the end of the gzip member"),
                Arguments.of("a second member", change(g -> concat(g, gzip(BODY))),
                        "follow the end of the gzip member"),
                Arguments.of("a request after the member", change(g -> concat(g, "POST / HTTP/1.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII))), "follow the end of the gzip member"),
                Arguments.of("a wrong CRC-32", change(g -> flip(g, g.length - 8)), "CRC-32 does not match"),
                Arguments.of("a wrong length", change(g -> flip(g, g.length - 1)), "length in the trailer"),
                Arguments.of("the trailer cut short", change(g -> Arrays.copyOf(g, g.length - 3)), "trailer is cut"),
                Arguments.of("the stream cut short", change(g -> Arrays.copyOf(g, g.length / 2)), "cut short"),
                Arguments.of("no stream at all", change(g -> Arrays.copyOf(g, 10)), "deflate stream is missing"),
                Arguments.of("not gzip", change(g -> BODY), "not in gzip format"),
                Arguments.of("too short for a header", change(g -> Arrays.copyOf(g, 5)), "not in gzip format"),
                Arguments.of("another method", change(g -> set(g, 2, 7)), "is not deflate"),
                Arguments.of("reserved flags", change(g -> set(g, 3, 0x20)), "reserved header flags"),
                Arguments.of("a name never ended", change(g -> set(concat(Arrays.copyOf(g, 10), new byte[] {'a', 'b'}),
                        3, 0x08)), "header is cut short"),
                Arguments.of("an extra field past the end", change(g -> set(set(Arrays.copyOf(g, 14), 3, 0x04), 10,
                        200)), "header is cut short"),
                Arguments.of("a corrupt stream", change(g -> set(g, 10, 0xFF)), "invalid gzip body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMembers")
    void refusesABodyThatIsNotExactlyOneSoundMember(String name, byte[] body, String reason) {
        assertThatThrownBy(() -> inflate(body, 1 << 20))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_ENCODING);
                    assertThat(e.getMessage()).startsWith("invalid gzip body: ").contains(reason);
                });
    }

    private static byte[] inflate(byte[] gzipped, int limit) {
        ByteBuf in = Unpooled.wrappedBuffer(gzipped);
        try {
            int length = GzipBody.inflate(in, BidScratch.current(), limit);
            return Arrays.copyOf(BidScratch.current().body(), length);
        } finally {
            in.release();
        }
    }

    private static byte[] gzip(byte[] data) {
        return WarmupPaths.gzip(data);
    }

    private static byte[] change(UnaryOperator<byte[]> change) {
        return change.apply(gzip(BODY));
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] trailer(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long c = crc.getValue();
        return new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) length,
            (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static byte[] set(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }
}
