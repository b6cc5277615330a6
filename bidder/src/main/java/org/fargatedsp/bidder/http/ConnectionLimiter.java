package org.fargatedsp.bidder.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the connection caps ({@link ConnectionCaps}) where connections are accepted, on the listening channel,
 * before a connection costs an event loop, a pipeline or a byte read. A connection over a cap, in all or from its
 * source address, gets one of {@value #RESERVE} reserved places if one is free (at most
 * {@value #RESERVE_PER_SOURCE} per source): it is answered on {@code /health} only, everything else with 503,
 * and closed after one response, so the load balancer's and ECS's health checks still get through at the cap.
 * With no reserved place free it is closed at once. Either way it is counted ({@link ConnectionStats}), and a
 * warning is logged at the first refusal after {@value #EPISODE_QUIET_S} s without one.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    static final int RESERVE = 32;
    static final int RESERVE_PER_SOURCE = 2;
    static final long EPISODE_QUIET_S = 60;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final AttributeKey<Boolean> HEALTH_ONLY = AttributeKey.valueOf(ConnectionLimiter.class,
            "healthOnly");

    /** What {@link #admit} decided for one connection. */
    private enum Admission { ADMITTED, RESERVED, REFUSED }

    /** The connections open from one source address; only ever changed inside the map's {@code compute}. */
    private static final class Source {
        int admitted;
        int reserved;
    }

    private final ConnectionCaps caps;
    private final ConnectionStats stats;
    private final ConcurrentHashMap<InetAddress, Source> sources = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger reserved = new AtomicInteger();
    // Written by the accepting thread only, inside admit().
    private Admission admission;
    private ConnectionStats.Cap cap;
    private long lastRefusalNanos;
    private boolean refusedBefore;

    ConnectionLimiter(ConnectionCaps caps, ConnectionStats stats) {
        this.caps = caps;
        this.stats = stats;
    }

    /** True for a connection accepted over a cap, into a place reserved for {@code /health}. */
    static boolean healthOnly(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(HEALTH_ONLY).get());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        InetAddress source = source(child.remoteAddress());
        Admission outcome = admit(source);
        if (outcome != Admission.ADMITTED) {
            refused(ctx, source);
        }
        if (outcome == Admission.REFUSED) {
            // Not registered with any event loop yet: closing is all there is to undo.
            child.unsafe().closeForcibly();
            return;
        }
        if (outcome == Admission.RESERVED) {
            child.attr(HEALTH_ONLY).set(Boolean.TRUE);
        }
        stats.opened();
        child.closeFuture().addListener(closed -> release(source, outcome));
        ctx.fireChannelRead(child);
    }

    private static InetAddress source(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    private Admission admit(InetAddress source) {
        sources.compute(source, (address, s) -> {
            Source counts = s == null ? new Source() : s;
            boolean sourceFull = counts.admitted >= caps.perSource();
            if (!sourceFull && admitted.get() < caps.total()) {
                counts.admitted++;
                admitted.incrementAndGet();
                admission = Admission.ADMITTED;
            } else {
                cap = sourceFull ? ConnectionStats.Cap.PER_SOURCE : ConnectionStats.Cap.TOTAL;
                if (reserved.get() < RESERVE && counts.reserved < RESERVE_PER_SOURCE) {
                    counts.reserved++;
                    reserved.incrementAndGet();
                    admission = Admission.RESERVED;
                } else {
                    admission = Admission.REFUSED;
                }
            }
            return counts.admitted + counts.reserved == 0 ? null : counts;
        });
        return admission;
    }

    private void release(InetAddress source, Admission outcome) {
        stats.closed();
        sources.computeIfPresent(source, (address, counts) -> {
            if (outcome == Admission.ADMITTED) {
                counts.admitted--;
                admitted.decrementAndGet();
            } else {
                counts.reserved--;
                reserved.decrementAndGet();
            }
            return counts.admitted + counts.reserved == 0 ? null : counts;
        });
    }

    private void refused(ChannelHandlerContext ctx, InetAddress source) {
        stats.refusedAt(cap);
        long now = ctx.executor().ticker().nanoTime();
        if (!refusedBefore || now - lastRefusalNanos > TimeUnit.SECONDS.toNanos(EPISODE_QUIET_S)) {
            LOG.warn("connection cap reached: connections beyond it are answered on /health only, or closed",
                    kv("cap", cap.tag()), kv("max_connections", caps.total()),
                    kv("max_connections_per_source", caps.perSource()), kv("open", admitted.get()),
                    kv("source", source.getHostAddress()));
        }
        refusedBefore = true;
        lastRefusalNanos = now;
    }
}
