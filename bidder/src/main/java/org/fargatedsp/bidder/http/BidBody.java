package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * How a bid request's body and version header are read, the same for {@code /openrtb2/bid} and its check: the
 * body as sent or gunzipped (up to a limit) into the thread's buffer, and the {@code x-openrtb-version} to echo.
 */
final class BidBody {
    private BidBody() {}

    /** Copies (or inflates) the body into the thread's buffer and returns its length. */
    static int read(FullHttpRequest http, BidScratch scratch, int maxInflatedBodyBytes) {
        ByteBuf content = http.content();
        String encoding = http.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding == null || HttpHeaderValues.IDENTITY.contentEqualsIgnoreCase(encoding)) {
            int length = content.readableBytes();
            content.getBytes(content.readerIndex(), scratch.grow(length), 0, length);
            return length;
        }
        if (HttpHeaderValues.GZIP.contentEqualsIgnoreCase(encoding)
                || HttpHeaderValues.X_GZIP.contentEqualsIgnoreCase(encoding)) {
            return GzipBody.inflate(content, scratch, maxInflatedBodyBytes);
        }
        throw new BadRequestException(BadRequestException.Kind.UNSUPPORTED_ENCODING,
                "Content-Encoding " + encoding + " is not supported; send gzip or no encoding");
    }

    /** Echoes the request's OpenRTB version (spec 2.6, 2.4); a request without one is answered as 2.5. */
    static CharSequence version(FullHttpRequest http) {
        String version = http.headers().get(HttpResponses.OPENRTB_VERSION);
        if (version == null || version.length() > 16) {
            return "2.5";
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return "2.5";
            }
        }
        return version;
    }
}
