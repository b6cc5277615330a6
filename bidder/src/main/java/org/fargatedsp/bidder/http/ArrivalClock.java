package org.fargatedsp.bidder.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.function.LongSupplier;

/**
 * Notes, for one connection, when the first byte of each request was read: the start of the span a client sees,
 * of the request's deadline and of the bid log's {@code processing_us}. A request waiting behind others pipelined
 * on its connection, or behind other connections' requests in the same pass of the event loop, has been waiting
 * since then.
 *
 * <p>Two handlers share it: {@link #reads()} before the HTTP codec sees each socket read and stamps it, one clock
 * read per read, not per request; {@link #messages()} after the codec sees where requests begin and end. A
 * request's first byte is in the read during which the request before it ended when the decoder finds the new one
 * in that same read, and otherwise in the first read after that end. The one case this cannot tell apart, a
 * request whose first bytes arrived in the same read as the end of the one before but whose headers were
 * completed by a later read, is dated to the later read: it errs towards a request looking younger, never older.
 */
final class ArrivalClock {
    private final LongSupplier clockNanos;
    private final ChannelHandler reads = new Reads();
    private final ChannelHandler messages = new Messages();
    private long readNanos;
    private long firstReadAfterEnd;
    /** The request before ended and nothing was read since: the next one starts in the latest read. */
    private boolean nextInLatestRead = true;
    private long requestStart;

    ArrivalClock(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
    }

    /** The handler that goes before the HTTP codec, nearest the socket. */
    ChannelHandler reads() {
        return reads;
    }

    /** The handler that goes right after the HTTP codec. */
    ChannelHandler messages() {
        return messages;
    }

    /** When the first byte of the request most recently begun on this connection was read, in clock nanoseconds. */
    long requestStartNanos() {
        return requestStart;
    }

    private final class Reads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readNanos = clockNanos.getAsLong();
            if (nextInLatestRead) {
                firstReadAfterEnd = readNanos;
                nextInLatestRead = false;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Messages extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // A request the decoder could not parse comes as one full message: both a start and an end.
            if (msg instanceof HttpRequest) {
                requestStart = nextInLatestRead ? readNanos : firstReadAfterEnd;
                nextInLatestRead = false;
            }
            if (msg instanceof LastHttpContent) {
                nextInLatestRead = true;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
