package org.fargatedsp.bidder.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Keeps slow and silent clients from holding connections: closes a connection idle for longer than the idle
 * timeout (fed by the {@link io.netty.handler.timeout.IdleStateHandler} before it), and answers 408 and closes
 * when a request that has started does not finish arriving within the read timeout (a slowloris). A request
 * that arrives in one read, as almost all do, schedules nothing.
 */
final class TimeoutHandler extends ChannelDuplexHandler {
    private final long readTimeoutNanos;
    private final BidObserver observer;
    private long requestStartNanos = -1;
    private ScheduledFuture<?> check;

    TimeoutHandler(long readTimeoutMs, BidObserver observer) {
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMs);
        this.observer = observer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest && requestStartNanos < 0) {
            requestStartNanos = System.nanoTime();
        }
        if (msg instanceof LastHttpContent) {
            requestStartNanos = -1;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (requestStartNanos >= 0 && check == null) {
            long remaining = requestStartNanos + readTimeoutNanos - System.nanoTime();
            check = ctx.executor().schedule(() -> checkRead(ctx), Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    private void checkRead(ChannelHandlerContext ctx) {
        check = null;
        if (requestStartNanos < 0 || !ctx.channel().isActive()) {
            return;
        }
        long remaining = requestStartNanos + readTimeoutNanos - System.nanoTime();
        if (remaining > 0) {
            // A later request started after the one this check was for: wait for its own deadline.
            check = ctx.executor().schedule(() -> checkRead(ctx), remaining, TimeUnit.NANOSECONDS);
            return;
        }
        observer.badRequest(BadRequestException.Kind.READ_TIMEOUT);
        observer.response(HttpResponseStatus.REQUEST_TIMEOUT.code());
        ctx.writeAndFlush(HttpResponses.text(ctx.alloc(), HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request did not arrive in time"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Fired at every connection when the server stops: close now unless a request is half-way in. */
    static final Object CLOSE_IF_IDLE = new Object();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        if (evt == CLOSE_IF_IDLE) {
            // A connection between requests is idle: requests are answered within the read that completes them.
            // One half-way in gets its answer with Connection: close, from the router.
            if (requestStartNanos < 0) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }
}
