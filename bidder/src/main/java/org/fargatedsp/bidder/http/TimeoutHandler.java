package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * When one connection closes: when idle for the idle timeout; with a 408 when a request has not finished
 * arriving within the read timeout of its first byte, header bytes included, however many bytes trickle in
 * meanwhile (a slowloris); and when the server stops, once every request read has been answered.
 *
 * <p>Two handlers share it: {@link #reads()} before the decoder counts socket reads, and {@link #connection()}
 * after it runs the timers, which read where requests begin and end from the {@link HttpCodec}. Idleness is
 * checked by one timer per connection that re-arms itself; a request that arrives in one read, as almost all do,
 * schedules nothing. Times are on the event loop's ticker, which tests drive.
 *
 * <p>At shutdown ({@link #DRAIN}) a connection goes on answering. A request counts as the last one read before the
 * close when it came in a read made after the shutdown began, that read emptied the socket, and nothing of another
 * request is held: its response says {@code Connection: close} ({@link #answeringLastRequest()}). Every
 * {@value #DRAIN_CHECK_MS} ms the connection is also closed if it is quiet (no request in progress, nothing
 * buffered or waiting to be written) and nothing was read since the last check, which leaves at least one pass of
 * the event loop over the socket in between: what the client sent before the shutdown is read and answered first.
 */
final class TimeoutHandler {
    /** Fired at every connection when the server stops. */
    static final Object DRAIN = new Object();
    static final long DRAIN_CHECK_MS = 5;

    private final long idleTimeoutNanos;
    private final long readTimeoutNanos;
    private final BidObserver observer;
    private final HttpCodec codec;
    private final FlowControl flow;
    private final ChannelHandler reads = new Reads();
    private final ChannelHandler connection = new Connection();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> readCheck;
    private ScheduledFuture<?> idleCheck;
    private long readCount;
    private boolean lastReadEmptiedSocket;
    private boolean draining;
    private long readsBeforeDrain;
    private long activityAtLastCheck;

    TimeoutHandler(long idleTimeoutMs, long readTimeoutMs, BidObserver observer, HttpCodec codec, FlowControl flow) {
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMs);
        this.observer = observer;
        this.codec = codec;
        this.flow = flow;
    }

    /** The handler before the decoder. */
    ChannelHandler reads() {
        return reads;
    }

    /** The handler after the decoder. */
    ChannelHandler connection() {
        return connection;
    }

    /**
     * True when the request being answered is the last one this connection reads before it closes for the
     * shutdown: the router then answers with {@code Connection: close}.
     */
    boolean answeringLastRequest() {
        return draining && readCount > readsBeforeDrain && lastReadEmptiedSocket && codec.bufferedBytes() == 0;
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private ScheduledFuture<?> schedule(Runnable check, long delayNanos) {
        return ctx.executor().schedule(check, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (codec.inRequest()) {
            // The read timeout watches a request in progress.
            idleCheck = schedule(this::checkIdle, idleTimeoutNanos);
            return;
        }
        long remaining = codec.lastEndNanos() + idleTimeoutNanos - now();
        if (remaining <= 0) {
            ctx.close();
        } else {
            idleCheck = schedule(this::checkIdle, remaining);
        }
    }

    private void checkRead() {
        readCheck = null;
        if (!codec.inRequest() || !ctx.channel().isActive()) {
            return;
        }
        long remaining = codec.requestStartNanos() + readTimeoutNanos - now();
        if (remaining > 0) {
            // A later request started after the one this check was for: wait for its own deadline.
            readCheck = schedule(this::checkRead, remaining);
            return;
        }
        observer.badRequest(BadRequestException.Kind.READ_TIMEOUT);
        observer.response(HttpResponseStatus.REQUEST_TIMEOUT.code());
        flow.finish();
        ctx.writeAndFlush(HttpResponses.text(ctx.alloc(), HttpResponseStatus.REQUEST_TIMEOUT,
                "the request did not arrive in time")).addListener(ChannelFutureListener.CLOSE);
        // A client that reads nothing never lets that write complete.
        schedule(ctx::close, readTimeoutNanos);
    }

    private void startDrain() {
        if (draining) {
            return;
        }
        draining = true;
        readsBeforeDrain = readCount;
        activityAtLastCheck = activity();
        schedule(this::checkDrain, TimeUnit.MILLISECONDS.toNanos(DRAIN_CHECK_MS));
    }

    private void checkDrain() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long activity = activity();
        if (activity == activityAtLastCheck && quiet()) {
            ctx.close();
            return;
        }
        activityAtLastCheck = activity;
        schedule(this::checkDrain, TimeUnit.MILLISECONDS.toNanos(DRAIN_CHECK_MS));
    }

    /** Reads, and bytes held back then decoded: what can bring a request the client sent before the shutdown. */
    private long activity() {
        return readCount + flow.unblocks();
    }

    private boolean quiet() {
        return !codec.inRequest() && codec.bufferedBytes() == 0 && !flow.blocked()
                && FlowControl.pendingBytes(ctx.channel()) == 0;
    }

    private final class Reads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readCount++;
            // A read that did not fill its buffer found the socket empty.
            lastReadEmptiedSocket = !(msg instanceof ByteBuf buf) || buf.isWritable();
            ctx.fireChannelRead(msg);
        }
    }

    private final class Connection extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            TimeoutHandler.this.ctx = ctx;
            idleCheck = schedule(TimeoutHandler.this::checkIdle, idleTimeoutNanos);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (codec.inRequest() && readCheck == null) {
                long remaining = codec.requestStartNanos() + readTimeoutNanos - now();
                readCheck = schedule(TimeoutHandler.this::checkRead, remaining);
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == DRAIN) {
                startDrain();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (readCheck != null) {
                readCheck.cancel(false);
                readCheck = null;
            }
            if (idleCheck != null) {
                idleCheck.cancel(false);
                idleCheck = null;
            }
            ctx.fireChannelInactive();
        }
    }
}
