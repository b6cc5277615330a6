package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.BidderAssembly;
import org.fargatedsp.bidder.Config;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.bidlog.BidLog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.metrics.BidderMetrics;

/**
 * The bidder's endpoints and connection pipeline ({@link BidderChannelInitializer}) as {@link BidderAssembly} wires
 * them for {@code Bidder}, from a configuration, on {@link EmbeddedChannel}s instead of sockets: for pipeline and
 * fuzz tests and for benchmarks that drive whole HTTP exchanges.
 */
final class EmbeddedBidder {
    /**
     * Over the defaults: the notice URL and dedupe window of an example deployment, and no CPU budget per source,
     * since every embedded connection is one source sending as fast as a test or a benchmark can.
     */
    private static final Map<String, String> EXAMPLE_ENV = Map.of(
            "NOTICE_BASE_URL", "https://bid.fargatedsp.example",
            "NOTICE_DEDUPE_MAX_BYTES", "1600000",
            "NOTICE_DEDUPE_TTL_MS", "3600000",
            "SOURCE_CPU_PERCENT", "0");

    private final Config config;
    private final RequestStats stats = new RequestStats();
    private final ServerState state = new ServerState();
    private final ChannelGroup channels = new DefaultChannelGroup("embedded", GlobalEventExecutor.INSTANCE);
    private final Endpoints endpoints;
    private final ConnectionStats connectionStats = new ConnectionStats();

    /** Bidding on {@code catalog}, configured by {@code env} over the defaults, with the counters as observer. */
    EmbeddedBidder(Catalog catalog, Map<String, String> env) {
        this(catalog, env, null, null, null);
    }

    /**
     * As above, with the metrics and the bid log told of every outcome after the counters, as {@code Bidder}
     * wires them, for the task {@code taskId}; null for all three leaves the counters alone.
     */
    EmbeddedBidder(Catalog catalog, Map<String, String> env, BidderMetrics metrics, BidLog bidLog, String taskId) {
        this(catalog, env, metrics, bidLog, taskId, System::nanoTime);
    }

    /**
     * As above, on {@code clockNanos} for when requests' first bytes are read, their deadlines and when their
     * responses are written: for tests that drive that time.
     */
    EmbeddedBidder(Catalog catalog, Map<String, String> env, BidderMetrics metrics, BidLog bidLog, String taskId,
            LongSupplier clockNanos) {
        Map<String, String> all = new HashMap<>(EXAMPLE_ENV);
        all.putAll(env);
        config = Config.fromEnv(all);
        BidderAssembly assembly = new BidderAssembly(config, () -> catalog, state, System::currentTimeMillis,
                clockNanos);
        BidderAssembly.Outcomes outcomes = metrics == null && bidLog == null
                ? BidderAssembly.Outcomes.counted(new BudgetLedger(), stats)
                : assembly.outcomes(new BidIds(), new BudgetLedger(), stats, metrics, bidLog, taskId);
        endpoints = assembly.serving(outcomes, List.of());
        state.moveTo(ServerState.Phase.READY);
    }

    /** The campaigns embedded in the jar, loaded now. */
    static Catalog defaultCatalog() {
        return Catalog.of(new CampaignSnapshot(new FileCampaignSource(null, 0, null).load(), new BudgetLedger(),
                System.currentTimeMillis(), "embedded"));
    }

    /** Bidding on the embedded campaigns, configured by {@code env} over the defaults. */
    static EmbeddedBidder withDefaultCampaigns(Map<String, String> env) {
        return new EmbeddedBidder(defaultCatalog(), env);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    RequestStats stats() {
        return stats;
    }

    ServerState state() {
        return state;
    }

    /** How the configuration treats connections, without caps: no listener holds them here. */
    ConnectionSettings settings() {
        return config.connections().withCaps(ConnectionCaps.UNLIMITED);
    }

    /** What the pipelines of this bidder's connections counted. */
    ConnectionStats connectionStats() {
        return connectionStats;
    }

    /**
     * Writes {@code raw} to {@code channel} as one socket read, in a buffer from {@code alloc}, and returns how many
     * bytes the pipeline wrote back, releasing them as the socket would.
     */
    static int exchange(EmbeddedChannel channel, ByteBufAllocator alloc, byte[] raw) {
        channel.writeInbound(alloc.buffer(raw.length).writeBytes(raw));
        int written = 0;
        for (Object out; (out = channel.readOutbound()) != null; ) {
            written += ((ByteBuf) out).readableBytes();
            ReferenceCountUtil.release(out);
        }
        return written;
    }

    /** A new connection whose pipeline {@link BidderChannelInitializer} builds, allocating from {@code alloc}. */
    EmbeddedChannel connect(ByteBufAllocator alloc) {
        return connect(EmbeddedChannel.builder().register(false).build(), alloc);
    }

    /**
     * Builds the pipeline on {@code channel}, which must not be registered yet (so that a test can give it a
     * ticker of its own, or stop it writing), allocating from {@code alloc}, and registers it.
     */
    <C extends EmbeddedChannel> C connect(C channel, ByteBufAllocator alloc) {
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new BidderChannelInitializer(endpoints, channels, settings(), connectionStats,
                () -> false));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException("cannot register an embedded channel", e);
        }
        return channel;
    }
}
