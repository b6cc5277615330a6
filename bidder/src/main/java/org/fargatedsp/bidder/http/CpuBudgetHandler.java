package org.fargatedsp.bidder.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Charges each request's handling, measured around the router, to its source's budget ({@link SourceBudgets}),
 * and answers a request whose source is over its budget with {@code 429} and {@code Retry-After} instead of
 * handling it. {@code /health} is never refused, so that the load balancer and ECS keep seeing the task.
 *
 * <p>The source is the last address of {@code X-Forwarded-For} when the request has one: the one the ALB appends,
 * the address that connected to it, which the client cannot choose (everything before it can be anything). Behind
 * the ALB one connection carries many clients' requests, so the connection is no source. A request without the
 * header came straight to the bidder, and its source is the connection's peer address.
 */
final class CpuBudgetHandler extends ChannelInboundHandlerAdapter {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    /** Longest part of an address used as a source: an IPv6 address has at most 45 characters. */
    private static final int MAX_SOURCE_CHARS = 64;

    private final SourceBudgets budgets;
    private final BidObserver observer;
    private final Source source = new Source();
    private String peer;
    private long peerKey;
    private boolean refusedUnflushed;

    CpuBudgetHandler(SourceBudgets budgets, BidObserver observer) {
        this.budgets = budgets;
        this.observer = observer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        peer = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        peerKey = ~SourceBudgets.key(peer, 0, Math.min(peer.length(), MAX_SOURCE_CHARS));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long key = source.of(request);
        long start = budgets.nowNanos();
        long retryAfterSeconds = budgets.admit(key, source, start);
        if (retryAfterSeconds > 0 && !isHealth(request.uri())) {
            request.release();
            refuse(ctx, retryAfterSeconds);
            return;
        }
        try {
            ctx.fireChannelRead(msg);
        } finally {
            budgets.charge(budgets.nowNanos() - start);
        }
    }

    private void refuse(ChannelHandlerContext ctx, long retryAfterSeconds) {
        observer.badRequest(BadRequestException.Kind.OVER_CPU_BUDGET);
        observer.response(HttpResponseStatus.TOO_MANY_REQUESTS.code());
        FullHttpResponse response = HttpResponses.text(ctx.alloc(), HttpResponseStatus.TOO_MANY_REQUESTS,
                "this source used more than its share of the bidder's time; retry after " + retryAfterSeconds + " s");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        ctx.write(response, ctx.voidPromise());
        refusedUnflushed = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (refusedUnflushed) {
            refusedUnflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private static boolean isHealth(String uri) {
        return uri.startsWith("/health") && (uri.length() == 7 || uri.charAt(7) == '?');
    }

    /** The current request's source, reused request after request; its text is made only to be logged. */
    private final class Source {
        private String forwardedFor;
        private int from;
        private int to;

        /** Takes {@code request}'s source and returns its key. */
        long of(FullHttpRequest request) {
            List<String> lines = request.headers().getAll(X_FORWARDED_FOR);
            forwardedFor = null;
            if (lines.isEmpty()) {
                return peerKey;
            }
            String last = lines.get(lines.size() - 1);
            int end = last.length();
            while (end > 0 && (last.charAt(end - 1) == ' ' || last.charAt(end - 1) == '\t')) {
                end--;
            }
            int start = last.lastIndexOf(',', end - 1) + 1;
            while (start < end && (last.charAt(start) == ' ' || last.charAt(start) == '\t')) {
                start++;
            }
            if (start == end) {
                return peerKey;
            }
            forwardedFor = last;
            from = start;
            to = Math.min(end, start + MAX_SOURCE_CHARS);
            return SourceBudgets.key(last, from, to);
        }

        @Override
        public String toString() {
            return forwardedFor == null ? peer : forwardedFor.substring(from, to) + " (X-Forwarded-For)";
        }
    }
}
