package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayDeque;
import java.util.List;

/**
 * HTTP/1.1 for one connection: Netty's request decoder and response encoder, and where each request begins and
 * ends. It does what Netty's {@code HttpServerCodec} does (a response to HEAD has no body, RFC 9110 section 9.3.2;
 * a request framed by both Transfer-Encoding and Content-Length closes the connection once answered, RFC 9112
 * section 6.1) plus what that final class cannot: between two requests the decoder asks {@link FlowControl} before
 * it starts the next one, and stops with the bytes it holds when told no; {@link #resume()} goes on with them. The
 * decoder holds each request to RFC 9112 where Netty is lenient ({@link HttpStrictness}).
 *
 * <p>A request begins with its first byte, header bytes included, and ends with its last: the read timeout
 * ({@link TimeoutHandler}) counts from {@link #requestStartNanos()}, and a connection with
 * {@link #bufferedBytes()} holds bytes of a request not yet answered. Empty lines between requests (RFC 9112
 * section 2.2) begin nothing. Times are on the event loop's {@link Ticker}, the clock its timers run on.
 */
final class HttpCodec {
    private static final long NEVER = Long.MIN_VALUE;

    private final Decoder decoder;
    private final Encoder encoder = new Encoder();
    private final FlowControl flow;
    private final HttpStrictness strictness = new HttpStrictness();
    /** Whether each request not yet answered was a HEAD, oldest first. */
    private final ArrayDeque<Boolean> heads = new ArrayDeque<>(4);
    private boolean closeAfterResponse;
    private Ticker ticker;
    private long requestStart = NEVER;
    private long lastEnd;

    HttpCodec(HttpDecoderConfig config, FlowControl flow) {
        this.decoder = new Decoder(config);
        this.flow = flow;
    }

    /** The request decoder, nearest the socket of the two. */
    ChannelHandler decoder() {
        return decoder;
    }

    ChannelHandler encoder() {
        return encoder;
    }

    /** True from a request's first byte until its last has been decoded. */
    boolean inRequest() {
        return requestStart != NEVER;
    }

    /** When the first byte of the request in progress was decoded, on the ticker; meaningful while in a request. */
    long requestStartNanos() {
        return requestStart;
    }

    /** When the last request ended, or the connection opened, on the ticker. */
    long lastEndNanos() {
        return lastEnd;
    }

    /** Bytes read and not yet decoded: part of a request, or whole requests held back by {@link FlowControl}. */
    int bufferedBytes() {
        return decoder.buffered();
    }

    /** Decodes the bytes held back when {@link FlowControl} said no, then signals the end of a read. */
    void resume() {
        decoder.resume();
    }

    private final class Decoder extends HttpRequestDecoder {
        private ChannelHandlerContext ctx;

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            ticker = ctx.executor().ticker();
            lastEnd = ticker.nanoTime();
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            if (strictness.discarding()) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (requestStart == NEVER) {
                strictness.decoded(skipEmptyLines(in), out, out.size());
                if (!in.isReadable() || !flow.mayStartRequest()) {
                    return;
                }
                requestStart = ticker.nanoTime();
                flow.requestStarted();
            }
            int before = out.size();
            int start = in.readerIndex();
            int readable = strictness.readable(in);
            if (readable == in.readableBytes()) {
                super.decode(ctx, in, out);
            } else if (readable > 0) {
                // The decoder reads no further than the end of the head or message the strictness scan reached.
                ByteBuf scanned = in.slice(start, readable);
                super.decode(ctx, scanned, out);
                in.readerIndex(start + scanned.readerIndex());
            }
            strictness.decoded(in.readerIndex() - start, out, before);
            for (int i = before; i < out.size(); i++) {
                Object msg = out.get(i);
                boolean failed = false;
                if (msg instanceof HttpRequest request) {
                    heads.add(HttpMethod.HEAD.equals(request.method()));
                    // A request that cannot be parsed is answered and closes the connection; nothing follows it.
                    failed = request.decoderResult().isFailure();
                }
                if (failed || msg instanceof LastHttpContent) {
                    requestStart = NEVER;
                    lastEnd = ticker.nanoTime();
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HttpExpectationFailedEvent) {
                // The aggregator answered 417 and the decoder drops the rest of the request: it has ended.
                requestStart = NEVER;
                strictness.requestDropped();
                lastEnd = ticker.nanoTime();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            closeAfterResponse = true;
        }

        int buffered() {
            return actualReadableBytes();
        }

        void resume() {
            try {
                if (actualReadableBytes() > 0) {
                    // An empty read makes the decoder go on with what it holds.
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                }
                // Ends the read for the handlers after it: the router flushes what it answered.
                channelReadComplete(ctx);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }

        /** CR and LF between requests are not a request (RFC 9112 section 2.2): consumed without starting one. */
        private int skipEmptyLines(ByteBuf in) {
            int start = in.readerIndex();
            int i = start;
            int end = in.writerIndex();
            while (i < end) {
                byte b = in.getByte(i);
                if (b != '\r' && b != '\n') {
                    break;
                }
                i++;
            }
            in.readerIndex(i);
            return i - start;
        }
    }

    private final class Encoder extends HttpResponseEncoder {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (closeAfterResponse && msg instanceof LastHttpContent) {
                closeAfterResponse = false;
                promise = promise.unvoid().addListener(ChannelFutureListener.CLOSE);
            }
            super.write(ctx, msg, promise);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                // 100 Continue answers no request of its own: the final response that follows does.
                return super.isContentAlwaysEmpty(msg);
            }
            return Boolean.TRUE.equals(heads.poll()) || super.isContentAlwaysEmpty(msg);
        }
    }
}
