package org.fargatedsp.bidder.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure for one connection, so that a client that sends requests and never reads the answers costs a
 * bounded amount of memory: at most {@code maxInFlight} requests answered and not yet handed to the socket, and
 * responses queued past the channel's write-buffer high water mark by at most the one that crossed it.
 *
 * <p>Before each request the decoder asks {@link #mayStartRequest()}. It is told no while the channel is not
 * writable, or while {@code maxInFlight} requests have been answered since the output was last seen empty; the
 * connection is then <em>blocked</em>: the decoder keeps the bytes it holds, reading stops ({@code autoRead}
 * off, and any {@code read()} from a handler after this one held back), and an empty write queued behind the
 * responses completes once every one of them has gone to the socket. Then the connection is unblocked: the held
 * bytes are decoded and reading goes on. A connection blocked for {@code stallTimeoutNanos} on end, whose client
 * is not reading, is closed and counted.
 *
 * <p>It sits before the decoder, nearest the socket, so that its empty write goes straight to the socket and it
 * sees every {@code read()} the handlers after it ask for. Times are on the event loop's ticker.
 */
final class FlowControl extends ChannelDuplexHandler {
    private final int maxInFlight;
    private final long stallTimeoutNanos;
    private final ConnectionStats stats;
    private HttpCodec codec;
    private ChannelHandlerContext ctx;
    private int inFlight;
    private boolean blocked;
    private boolean finished;
    private long blockedSince;
    private ScheduledFuture<?> stallCheck;
    private long unblocks;

    FlowControl(int maxInFlight, long stallTimeoutMs, ConnectionStats stats) {
        this.maxInFlight = maxInFlight;
        this.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(stallTimeoutMs);
        this.stats = stats;
    }

    /** The codec whose decoder this answers, and whose held bytes {@link #unblock()} decodes. */
    void decodesFor(HttpCodec codec) {
        this.codec = codec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Asked by the decoder before it starts a request: false holds the request's bytes back. */
    boolean mayStartRequest() {
        Channel channel = ctx.channel();
        if (blocked || finished || !channel.isActive()) {
            return false;
        }
        if (inFlight < maxInFlight && channel.isWritable()) {
            return true;
        }
        // At a bound: hand the socket what is queued. A client that keeps up takes it all at once, and the read
        // goes on as if nothing happened; one that does not leaves it queued, and the connection blocks.
        ctx.flush();
        if (!channel.isActive()) {
            // A response written by that flush closed the connection: nothing after it is answered.
            return false;
        }
        if (pendingBytes(channel) == 0) {
            inFlight = 0;
            return true;
        }
        block();
        return false;
    }

    /** The decoder started a request. */
    void requestStarted() {
        inFlight++;
    }

    /** The connection answers nothing more: after a response that closes it. */
    void finish() {
        finished = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** True while the connection waits for its client to read what it was sent. */
    boolean blocked() {
        return blocked;
    }

    /** How often the connection was unblocked: each time, bytes it held back were decoded. */
    long unblocks() {
        return unblocks;
    }

    /** Requests answered since the output was last seen empty, at most {@code maxInFlight}. */
    int inFlight() {
        return inFlight;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        // The decoder and the aggregator ask for a read when a read brought them nothing and autoRead is off.
        if (!blocked && !finished) {
            ctx.read();
        }
    }

    private void block() {
        blocked = true;
        blockedSince = ctx.executor().ticker().nanoTime();
        ctx.channel().config().setAutoRead(false);
        ChannelPromise drained = ctx.newPromise();
        drained.addListener(written -> {
            if (written.isSuccess()) {
                // Not at once: the promise completes inside a flush, maybe the router's own.
                ctx.executor().execute(this::unblock);
            }
        });
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, drained);
        if (stallCheck == null) {
            stallCheck = ctx.executor().schedule(this::checkStall, stallTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void unblock() {
        if (!blocked || !ctx.channel().isActive()) {
            return;
        }
        blocked = false;
        unblocks++;
        // Everything answered before the block has gone to the socket.
        inFlight = 0;
        codec.resume();
        if (!blocked && !finished) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void checkStall() {
        stallCheck = null;
        if (!blocked || !ctx.channel().isActive()) {
            return;
        }
        long remaining = blockedSince + stallTimeoutNanos - ctx.executor().ticker().nanoTime();
        if (remaining > 0) {
            // Unblocked and blocked again since this check was set: wait out the latest block.
            stallCheck = ctx.executor().schedule(this::checkStall, remaining, TimeUnit.NANOSECONDS);
            return;
        }
        stats.stalledClosed();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
        ctx.fireChannelInactive();
    }

    /** Bytes written to the channel and not yet taken by the socket, responses unflushed included. */
    static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }
}
