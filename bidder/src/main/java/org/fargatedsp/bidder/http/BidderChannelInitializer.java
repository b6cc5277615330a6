package org.fargatedsp.bidder.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Builds every connection's pipeline, in one place. Inbound order, with the reason for each handler:
 * <ol>
 *   <li>{@link ArrivalClock#reads()}: stamps each socket read, nearest the socket, so that a request's time
 *       counts from the read that brought its first byte.
 *   <li>{@link IdleStateHandler}: notices a connection with no traffic for the idle timeout, which must be longer
 *       than the load balancer's own (60 s on an ALB) so that the ALB, not the bidder, closes idle connections.
 *   <li>{@link HttpStrictness#heads()}: finds obs-fold in the raw bytes of request heads, which the codec would
 *       join silently, handing the codec one head at a time.
 *   <li>{@link HttpServerCodec}: HTTP/1.1 with bounded request line and headers.
 *   <li>{@link HttpStrictness#messages()}: refuses what RFC 9112 lets a server refuse and the codec accepts:
 *       obs-fold, a Transfer-Encoding other than a lone chunked, a missing or repeated Host.
 *   <li>{@link ArrivalClock#messages()}: where each request begins and ends, to date it to the right read.
 *   <li>{@link TimeoutHandler}: closes idle connections; 408 for a request that does not finish arriving.
 *   <li>{@link HttpServerKeepAliveHandler}: keep-alive semantics of HTTP/1.0 and 1.1, and Connection: close.
 *   <li>{@link HttpContentCompressor}: gzip responses for SSPs that send {@code Accept-Encoding: gzip}; it queues
 *       the encodings of pipelined requests so each response gets its own.
 *   <li>{@link HttpObjectAggregator}: whole requests up to the body limit, 413 above it without reading more.
 *   <li>{@link CpuBudgetHandler}: measures the router's time on each request against its source's share of the
 *       event loop, and answers {@code 429} for a source over it, unless the budget is off.
 *   <li>{@link RequestRouter}: the endpoints.
 * </ol>
 * It takes any {@link Channel}, not only a socket, so that tests and benchmarks run this very pipeline on an
 * {@code EmbeddedChannel}.
 */
public final class BidderChannelInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_INITIAL_LINE_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 8192;

    private final Endpoints endpoints;
    private final ChannelGroup channels;
    private final long idleTimeoutMs;
    private final long readTimeoutMs;
    private final int maxBodyBytes;
    private final int gzipLevel;

    public BidderChannelInitializer(Endpoints endpoints, ChannelGroup channels, long idleTimeoutMs, long readTimeoutMs,
            int maxBodyBytes, int gzipLevel) {
        this.endpoints = endpoints;
        this.channels = channels;
        this.idleTimeoutMs = idleTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
        this.maxBodyBytes = maxBodyBytes;
        this.gzipLevel = gzipLevel;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        ArrivalClock arrivals = new ArrivalClock(endpoints.clockNanos());
        p.addLast("arrival", arrivals.reads());
        // Reader idleness, not all idleness: a server writes only in answer to a read, and watching writes would
        // cost a promise and a listener on every response.
        p.addLast("idle", new IdleStateHandler(idleTimeoutMs, 0, 0, TimeUnit.MILLISECONDS));
        HttpStrictness strictness = new HttpStrictness();
        p.addLast("strict-heads", strictness.heads());
        p.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)));
        p.addLast("strict", strictness.messages());
        p.addLast("request-start", arrivals.messages());
        p.addLast("timeouts", new TimeoutHandler(readTimeoutMs, endpoints.observer()));
        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
        p.addLast("gzip", new HttpContentCompressor(0, StandardCompressionOptions.gzip(gzipLevel, 15, 8)));
        p.addLast("aggregator", new CountingAggregator(maxBodyBytes, endpoints.observer()));
        if (endpoints.budgets() != null) {
            p.addLast("cpu-budget", new CpuBudgetHandler(endpoints.budgets(), endpoints.observer()));
        }
        p.addLast("router", new RequestRouter(endpoints, arrivals));
    }

    /** The standard aggregator, counting the bodies it refuses as too large. */
    private static final class CountingAggregator extends HttpObjectAggregator {
        private final BidObserver observer;

        CountingAggregator(int maxContentLength, BidObserver observer) {
            super(maxContentLength);
            this.observer = observer;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            observer.badRequest(BadRequestException.Kind.BODY_TOO_LARGE);
            observer.response(413);
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
