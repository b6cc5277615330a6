package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * Builds the server's responses. Headers are set from constant {@link AsciiString}s, and validation is off for
 * them because every name and value here is either a constant or checked on the way in.
 */
public final class HttpResponses {
    /** The OpenRTB version header (spec 2.6, section 2.4). */
    public static final AsciiString OPENRTB_VERSION = AsciiString.cached("x-openrtb-version");
    public static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final HttpHeadersFactory TRUSTED_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private HttpResponses() {}

    /** A response with {@code content} as body and a Content-Length. */
    public static FullHttpResponse of(HttpResponseStatus status, ByteBuf content, AsciiString contentType) {
        // A full response never has trailers: share the immutable empty set rather than allocate one.
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content,
                TRUSTED_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        HttpHeaders headers = response.headers();
        if (contentType != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    /** An empty response: 204 No Content has no Content-Length at all (RFC 9110, 8.6). */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.EMPTY_BUFFER, TRUSTED_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        if (status.code() != 204) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
        }
        return response;
    }

    /** A short plain-text error: the reason a client gets for a 4xx. */
    public static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String reason) {
        byte[] bytes = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf content = alloc.buffer(bytes.length);
        content.writeBytes(bytes);
        return of(status, content, TEXT_PLAIN);
    }

    /** A JSON body. */
    public static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = alloc.buffer(bytes.length);
        content.writeBytes(bytes);
        return of(status, content, APPLICATION_JSON);
    }
}
