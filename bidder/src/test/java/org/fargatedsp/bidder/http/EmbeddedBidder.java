package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.slf4j.LoggerFactory;

/**
 * The bidder's real endpoints and connection pipeline ({@link BidderChannelInitializer}) on {@link EmbeddedChannel}s
 * instead of sockets, wired as {@code Bidder.start()} wires them with the default configuration's limits, for fuzz
 * tests and benchmarks that drive whole HTTP exchanges.
 */
final class EmbeddedBidder {
    static final long IDLE_TIMEOUT_MS = 75_000;
    static final long READ_TIMEOUT_MS = 5_000;
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_INFLATED_BODY_BYTES = 1024 * 1024;
    static final int MAX_IMPS = 100;
    static final int GZIP_LEVEL = 6;

    private final RequestStats stats = new RequestStats();
    private final ServerState state = new ServerState();
    private final ChannelGroup channels = new DefaultChannelGroup("embedded", GlobalEventExecutor.INSTANCE);
    private final Endpoints endpoints;

    EmbeddedBidder(Catalog catalog, FxRates fx) {
        this(catalog, fx, List.of());
    }

    /**
     * @param observers told of every outcome after the counters, as {@code Bidder.start()} adds the metrics and
     *     the bid log; benchmarks of the whole path pass those
     */
    EmbeddedBidder(Catalog catalog, FxRates fx, List<RequestObserver> observers) {
        this(catalog, fx, new BidIds(), observers);
    }

    EmbeddedBidder(Catalog catalog, FxRates fx, BidIds ids, List<RequestObserver> observers) {
        BudgetLedger ledger = new BudgetLedger();
        Auctioneer auctioneer = new Auctioneer(fx);
        List<RequestObserver> all = new java.util.ArrayList<>();
        all.add(stats);
        all.addAll(observers);
        RequestObserver observer = new RequestObservers(all);
        endpoints = Endpoints.create(
                new BidRequestDecoder(MAX_IMPS, MAX_INFLATED_BODY_BYTES),
                auctioneer,
                new BidResponseWriter("https://bid.fargatedsp.example", auctioneer.currency(), ids),
                ids,
                () -> catalog,
                new NoticeEndpoint(ledger, observer, 10_000, 3_600_000),
                state,
                stats,
                observer,
                new Endpoints.Logs(
                        new SampledLogger(LoggerFactory.getLogger("org.fargatedsp.bidder.requests"), "bad_request", 10),
                        new SampledLogger(LoggerFactory.getLogger("org.fargatedsp.bidder.requests"), "internal_error",
                                10)),
                new Endpoints.BidLimits(MAX_INFLATED_BODY_BYTES, 200, 20),
                List.of());
        state.moveTo(ServerState.Phase.READY);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    RequestStats stats() {
        return stats;
    }

    /** A new connection whose pipeline {@link BidderChannelInitializer} builds, allocating from {@code alloc}. */
    EmbeddedChannel connect(ByteBufAllocator alloc) {
        EmbeddedChannel channel = EmbeddedChannel.builder().register(false).build();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new BidderChannelInitializer(endpoints, channels, IDLE_TIMEOUT_MS,
                READ_TIMEOUT_MS, MAX_BODY_BYTES, GZIP_LEVEL));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException("cannot register an embedded channel", e);
        }
        return channel;
    }
}
