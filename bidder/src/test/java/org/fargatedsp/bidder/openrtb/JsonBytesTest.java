package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBytesTest {
    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote\"d", "back\\slash", "new\nline\ttab\r", "\u0001\u001f", "caf\u00e9",
        "\u20ac uro", "emoji \ud83d\ude00", "lone \ud800 surrogate", ""})
    void writesStringsThatJsonParsersReadBack(String value) throws Exception {
        String json = write(out -> JsonBytes.string(out, value));

        String expected = value.replace("\ud800", "\ud800");
        assertThat(Json.MAPPER.readValue(json, String.class)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0.000001", "30000, 0.03", "2500000, 2.5", "3000000, 3", "1234567891, 1234.567891",
        "100000000000, 100000"})
    void writesMicrosAsShortDecimals(long micros, String expected) {
        assertThat(write(out -> JsonBytes.micros(out, micros))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 10, 99, 1_795_314_310_513L, Long.MAX_VALUE})
    void writesDecimals(long value) {
        assertThat(write(out -> JsonBytes.decimal(out, value))).isEqualTo(Long.toString(value));
    }

    private static String write(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer(4);
        try {
            writer.accept(out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }
}
