package org.fargatedsp.loadtest.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers every POST with {@code 204 No Content} as soon as its head is decoded, never looking at
 * the body; {@code GET /health} gets 200 so scripts can wait for it like the bidder. Body chunks are
 * released as they arrive, never aggregated. Responses are pre-encoded read-only buffers.
 */
@Sharable
final class BaselineHandler extends ChannelInboundHandlerAdapter {
    // RFC 9110 section 15.3.5: a 204 carries no content and so no Content-Length either.
    private static final ByteBuf NO_CONTENT = constant("HTTP/1.1 204 No Content\r\n\r\n");
    private static final ByteBuf NO_CONTENT_CLOSE = constant("HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
    private static final ByteBuf HEALTHY = constant(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok");
    private static final ByteBuf HEALTHY_CLOSE = constant(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
    private static final ByteBuf NOT_FOUND_CLOSE = constant(
            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    private static final ByteBuf BAD_REQUEST_CLOSE = constant(
            "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");

    static final BaselineHandler INSTANCE = new BaselineHandler();

    private BaselineHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                respond(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets by load-generator clients are expected; there is nothing to log.
        ctx.close();
    }

    private static void respond(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            ctx.writeAndFlush(BAD_REQUEST_CLOSE.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (HttpMethod.POST.equals(request.method())) {
            write(ctx, keepAlive ? NO_CONTENT : NO_CONTENT_CLOSE, keepAlive);
        } else if (HttpMethod.GET.equals(request.method()) && request.uri().equals("/health")) {
            write(ctx, keepAlive ? HEALTHY : HEALTHY_CLOSE, keepAlive);
        } else {
            write(ctx, NOT_FOUND_CLOSE, false);
        }
    }

    private static void write(ChannelHandlerContext ctx, ByteBuf response, boolean keepAlive) {
        if (keepAlive) {
            ctx.write(response.retainedDuplicate(), ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static ByteBuf constant(String response) {
        return Unpooled.unreleasableBuffer(
                Unpooled.directBuffer().writeBytes(response.getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    }
}
