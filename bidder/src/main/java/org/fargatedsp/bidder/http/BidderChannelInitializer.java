package org.fargatedsp.bidder.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.function.BooleanSupplier;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Builds every connection's pipeline, in one place. Inbound order, with the reason for each handler:
 * <ol>
 *   <li>{@link ArrivalClock#reads()}: stamps each socket read, nearest the socket, so that a request's time
 *       counts from the read that brought its first byte.
 *   <li>{@link TimeoutHandler#reads()}: counts reads, so that a connection closing for a shutdown reads what its
 *       client sent first.
 *   <li>{@link FlowControl}: backpressure for a client that does not read; before the decoder, so that it holds
 *       back the reads the handlers after it ask for, and its empty write goes straight to the socket.
 *   <li>{@link HttpCodec}: HTTP/1.1 with bounded request line and headers, where requests begin and end, and a
 *       decoder that stops between two requests when {@link FlowControl} says so. Its decoder holds requests to
 *       RFC 9112 ({@link HttpStrictness}), refusing what the spec lets a server refuse and Netty accepts: obs-fold,
 *       found in the raw head bytes the decoder would join, a Transfer-Encoding other than a lone chunked, a
 *       missing or repeated Host. It does so inside the decoder, on the bytes of each socket read as one, so that
 *       a read stays one read for the handlers around it and bytes held back between requests stay in one place.
 *   <li>{@link ArrivalClock#messages()}: where each request begins and ends, to date it to the right read.
 *   <li>{@link TimeoutHandler#connection()}: closes idle connections; 408 for a request that does not finish
 *       arriving within the read timeout of its first byte; closes at shutdown once every request read is answered.
 *   <li>{@link HttpServerKeepAliveHandler}: keep-alive semantics of HTTP/1.0 and 1.1, and Connection: close.
 *   <li>{@link HttpContentCompressor}: gzip responses for SSPs that send {@code Accept-Encoding: gzip}; it queues
 *       the encodings of pipelined requests so each response gets its own.
 *   <li>{@link HttpObjectAggregator}: whole requests up to the body limit, 413 above it without reading more.
 *   <li>{@link CpuBudgetHandler}: measures the router's time on each request against its source's share of the
 *       event loop, and answers {@code 429} for a source over it, unless the budget is off.
 *   <li>{@link RequestRouter}: the endpoints.
 * </ol>
 * A connection the {@link ConnectionLimiter} let in over a cap gets the same pipeline, answering one request,
 * on {@code /health} only, and idle for no longer than the read timeout. The channel's write-buffer water marks
 * are set here too, so that an {@code EmbeddedChannel} gets the very ones a socket does.
 *
 * <p>It takes any {@link Channel}, not only a socket, so that tests and benchmarks run this very pipeline on an
 * {@code EmbeddedChannel}.
 */
public final class BidderChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    private final Endpoints endpoints;
    private final ChannelGroup channels;
    private final ConnectionSettings settings;
    private final ConnectionStats stats;
    private final BooleanSupplier draining;
    private final WriteBufferWaterMark waterMark;

    /**
     * @param channels every connection joins it, for shutdown to reach
     * @param draining true once the server is stopping: a connection that opens then drains at once
     */
    public BidderChannelInitializer(Endpoints endpoints, ChannelGroup channels, ConnectionSettings settings,
            ConnectionStats stats, BooleanSupplier draining) {
        this.endpoints = endpoints;
        this.channels = channels;
        this.settings = settings;
        this.stats = stats;
        this.draining = draining;
        int high = settings.writeBufferHighWaterBytes();
        this.waterMark = new WriteBufferWaterMark(high / 2, high);
    }

    @Override
    protected void initChannel(Channel ch) {
        boolean healthOnly = ConnectionLimiter.healthOnly(ch);
        ch.config().setWriteBufferWaterMark(waterMark);
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        ArrivalClock arrivals = new ArrivalClock(endpoints.clockNanos());
        FlowControl flow = new FlowControl(healthOnly ? 1 : settings.maxPipelinedRequests(),
                settings.writeStallTimeoutMs(), stats);
        HttpCodec codec = new HttpCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES), flow);
        flow.decodesFor(codec);
        TimeoutHandler timeouts = new TimeoutHandler(healthOnly ? settings.readTimeoutMs() : settings.idleTimeoutMs(),
                settings.readTimeoutMs(), endpoints.observer(), codec, flow);
        p.addLast("arrival", arrivals.reads());
        p.addLast("reads", timeouts.reads());
        p.addLast("flow", flow);
        p.addLast("http-decoder", codec.decoder());
        // After the decoder: the flow handler's empty writes skip the encoder.
        p.addLast("http-encoder", codec.encoder());
        p.addLast("request-start", arrivals.messages());
        p.addLast("timeouts", timeouts.connection());
        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
        p.addLast("gzip", new HttpContentCompressor(0,
                StandardCompressionOptions.gzip(settings.gzipLevel(), 15, 8)));
        p.addLast("aggregator", new CountingAggregator(settings.maxBodyBytes(), endpoints.observer()));
        if (endpoints.budgets() != null && !healthOnly) {
            p.addLast("cpu-budget", new CpuBudgetHandler(endpoints.budgets(), endpoints.observer()));
        }
        p.addLast("router", new RequestRouter(endpoints, arrivals, timeouts, flow, healthOnly));
        if (draining.getAsBoolean()) {
            p.fireUserEventTriggered(TimeoutHandler.DRAIN);
        }
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
