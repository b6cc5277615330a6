package org.fargatedsp.loadtest.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BaselineHandlerTest {
    @Test
    void answersAPostWith204AndReleasesTheBodyUnread() {
        EmbeddedChannel channel = channel();
        ByteBuf request = ascii("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"id\":\"1\"}\n");

        channel.writeInbound(request);

        assertThat(request.refCnt()).as("request bytes released").isZero();
        assertThat(readOutbound(channel)).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void answersEveryRequestOnAKeepAliveConnection() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(ascii("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}POST /b HTTP/1.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));

        assertThat(readOutbound(channel)).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(readOutbound(channel)).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /health HTTP/1.1                        | HTTP/1.1 200 OK                | true",
        "GET /health HTTP/1.0                        | HTTP/1.1 200 OK                | false",
        "GET /other HTTP/1.1                         | HTTP/1.1 404 Not Found         | false",
        "POST /openrtb2/bid HTTP/1.0                 | HTTP/1.1 204 No Content        | false",
    })
    void answersHealthAndClosesWhenAsked(String requestLine, String statusLine, boolean staysOpen) {
        EmbeddedChannel channel = channel();

        channel.writeInbound(ascii(requestLine.trim() + "\r\nContent-Length: 0\r\n\r\n"));

        String response = readOutbound(channel);
        assertThat(response).startsWith(statusLine.trim() + "\r\n");
        assertThat(response.contains("connection: close")).isEqualTo(!staysOpen);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isEqualTo(staysOpen);
        channel.finishAndReleaseAll();
    }

    @Test
    void closesOnGarbage() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(ascii("\u0001\u0002 nonsense\r\n\r\n"));

        assertThat(readOutbound(channel)).startsWith("HTTP/1.1 400 Bad Request\r\n");
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new HttpRequestDecoder(), BaselineHandler.INSTANCE);
    }

    private static String readOutbound(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("a response").isNotNull();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
