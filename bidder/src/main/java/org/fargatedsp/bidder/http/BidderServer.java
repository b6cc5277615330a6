package org.fargatedsp.bidder.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server: one acceptor thread, whose {@link ConnectionLimiter} holds the connection caps, one event
 * loop per core for connections, and the channel group that lets shutdown reach every open connection.
 */
public final class BidderServer {
    private static final Logger LOG = LoggerFactory.getLogger(BidderServer.class);

    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final ConnectionStats stats = new ConnectionStats();
    private final LoadShedder shedder;
    private volatile boolean draining;
    private Channel serverChannel;

    /** @param shedder started on the event loops with the server, stopped with it */
    public BidderServer(Transport transport, int eventLoopThreads, LoadShedder shedder) {
        this.transport = transport;
        this.acceptor = transport.newGroup(1, "bidder-accept");
        this.workers = transport.newGroup(eventLoopThreads, "bidder-io");
        this.shedder = shedder;
    }

    /** Binds and starts serving; returns the bound port (useful with port 0). {@code settings} has its caps set. */
    public int start(String host, int port, Endpoints endpoints, ConnectionSettings settings)
            throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ConnectionLimiter(settings.caps(), stats))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new BidderChannelInitializer(endpoints, connections, settings, stats,
                        () -> draining));
        serverChannel = bootstrap.bind(host, port).sync().channel();
        shedder.start(workers);
        int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("bidder listening", kv("port", bound), kv("transport", transport.name()),
                kv("max_connections", settings.caps().total()),
                kv("max_connections_per_source", settings.caps().perSource()),
                kv("max_pipelined_requests", settings.maxPipelinedRequests()),
                kv("write_buffer_high_water_bytes", settings.writeBufferHighWaterBytes()));
        return bound;
    }

    /**
     * Binds a second, private listener on a loopback port, served by the same event loops, channel class and
     * allocator as the public one but with {@code endpoints} of its own: the warm-up sends its requests there so
     * that the JIT compiles the very code (and sees the very classes) that real traffic runs through. Its
     * connections are not counted among the public ones, and no cap applies. Close the returned channel to stop it.
     */
    public Channel startPrivate(Endpoints endpoints, ConnectionSettings settings) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new BidderChannelInitializer(endpoints,
                        new DefaultChannelGroup("private", GlobalEventExecutor.INSTANCE),
                        settings.forWarmup(60_000), new ConnectionStats(), () -> false));
        return bootstrap.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** The event loops that serve connections, for meters that watch them. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** Open connections right now. */
    public int connections() {
        return connections.size();
    }

    /** What the server did to connections: open, refused at a cap, closed for not reading. */
    public ConnectionStats stats() {
        return stats;
    }

    /**
     * Bytes queued on open connections and not yet taken by their sockets, at most; for tests and benchmarks that
     * check the bound a client that does not read is held to.
     */
    public long maxQueuedBytesPerConnection() {
        long max = 0;
        for (Channel ch : connections) {
            max = Math.max(max, FlowControl.pendingBytes(ch));
        }
        return max;
    }

    /** Connections that read nothing now, waiting for their clients to read what they were sent. */
    public int blockedConnections() {
        int blocked = 0;
        for (Channel ch : connections) {
            // FlowControl turns autoRead off while a connection is blocked, and after its last response.
            if (ch.isActive() && !ch.config().isAutoRead()) {
                blocked++;
            }
        }
        return blocked;
    }

    /** Stops accepting connections; those already open carry on. */
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /**
     * Stops accepting and closes every connection once it has answered every request it read
     * ({@link TimeoutHandler#DRAIN}): idle ones at once, the others after their last response. Waits up to
     * {@code timeoutMs} for them to go, then closes what is left, then stops the event loops.
     */
    public void close(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // Set before the group is read: a connection that joins the group later sees it and drains by itself.
        draining = true;
        List<Future<?>> drains = new ArrayList<>();
        for (Channel ch : connections) {
            drains.add(ch.eventLoop().submit(() -> ch.pipeline().fireUserEventTriggered(TimeoutHandler.DRAIN)));
        }
        // Every connection drains before the port refuses: what a client sends once it is refused a connection
        // comes after the stop, and the response to the last request read says Connection: close.
        for (Future<?> drain : drains) {
            drain.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        stopAccepting();
        int left = awaitClosed(deadline);
        if (left > 0) {
            LOG.warn("closing connections that did not finish in time", kv("connections", left),
                    kv("shutdown_timeout_ms", timeoutMs));
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        shedder.stop();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Waits until every connection has closed or {@code deadline} has passed; returns how many are still open. */
    private int awaitClosed(long deadline) {
        while (true) {
            Channel open = null;
            int count = 0;
            for (Channel ch : connections) {
                if (ch.isOpen()) {
                    open = open == null ? ch : open;
                    count++;
                }
            }
            long remaining = deadline - System.nanoTime();
            if (open == null || remaining <= 0) {
                return count;
            }
            open.closeFuture().awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS);
        }
    }
}
