package org.fargatedsp.bidder.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server: one acceptor thread, one event loop per core for connections, and the channel group that
 * lets shutdown reach every open connection.
 */
public final class BidderServer {
    private static final Logger LOG = LoggerFactory.getLogger(BidderServer.class);

    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final LoadShedder shedder;
    private Channel serverChannel;

    /** @param shedder started on the event loops with the server, stopped with it */
    public BidderServer(Transport transport, int eventLoopThreads, LoadShedder shedder) {
        this.transport = transport;
        this.acceptor = transport.newGroup(1, "bidder-accept");
        this.workers = transport.newGroup(eventLoopThreads, "bidder-io");
        this.shedder = shedder;
    }

    /** Binds and starts serving; returns the bound port (useful with port 0). */
    public int start(String host, int port, Endpoints endpoints, long idleTimeoutMs, long readTimeoutMs,
            int maxBodyBytes, int gzipLevel) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new BidderChannelInitializer(endpoints, connections, idleTimeoutMs, readTimeoutMs,
                        maxBodyBytes, gzipLevel));
        serverChannel = bootstrap.bind(host, port).sync().channel();
        shedder.start(workers);
        int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("bidder listening", net.logstash.logback.argument.StructuredArguments.kv("port", bound),
                net.logstash.logback.argument.StructuredArguments.kv("transport", transport.name()));
        return bound;
    }

    /**
     * Binds a second, private listener on a loopback port, served by the same event loops, channel class and
     * allocator as the public one but with {@code endpoints} of its own: the warm-up sends its requests there so
     * that the JIT compiles the very code (and sees the very classes) that real traffic runs through. Its
     * connections are not counted among the public ones. Close the returned channel to stop it.
     */
    public Channel startPrivate(Endpoints endpoints, int maxBodyBytes, int gzipLevel) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new BidderChannelInitializer(endpoints,
                        new DefaultChannelGroup("private", GlobalEventExecutor.INSTANCE), 60_000, 60_000,
                        maxBodyBytes, gzipLevel));
        return bootstrap.bind(java.net.InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** The event loops that serve connections, for meters that watch them. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** Open connections right now. */
    public int connections() {
        return connections.size();
    }

    /** Stops accepting connections; those already open carry on. */
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /**
     * Closes every connection: idle ones at once, those with a request half-way in after answering it. Waits up
     * to {@code timeoutMs} for them to go, then closes what is left, then stops the event loops.
     */
    public void close(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Channel ch : connections) {
            ch.pipeline().fireUserEventTriggered(TimeoutHandler.CLOSE_IF_IDLE);
        }
        for (Channel ch : connections) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !ch.closeFuture().awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        if (!connections.isEmpty()) {
            LOG.warn("closing connections that did not finish in time",
                    net.logstash.logback.argument.StructuredArguments.kv("connections", connections.size()));
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        shedder.stop();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
