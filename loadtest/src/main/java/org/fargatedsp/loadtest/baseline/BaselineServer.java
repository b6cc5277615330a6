package org.fargatedsp.loadtest.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.loadtest.transport.NativeTransport;

/**
 * The floor any Netty bidder stands on: a keep-alive HTTP/1.1 server that answers every POST with a
 * fixed 204 without reading the body. The compare scenario runs it beside the bidder.
 */
public final class BaselineServer implements AutoCloseable {
    private final NativeTransport transport;
    private final EventLoopGroup group;
    private final Channel channel;

    private BaselineServer(NativeTransport transport, EventLoopGroup group, Channel channel) {
        this.transport = transport;
        this.group = group;
        this.channel = channel;
    }

    /** Binds and, once listening, writes the port to {@link Config#portFile()} atomically. */
    public static BaselineServer start(Config config) throws IOException, InterruptedException {
        NativeTransport transport = NativeTransport.best();
        EventLoopGroup group = transport.newGroup(config.ioThreads(), "baseline");
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new BaselineInitializer())
                    .bind(config.port())
                    .sync()
                    .channel();
            BaselineServer server = new BaselineServer(transport, group, channel);
            if (config.portFile() != null) {
                writePortFile(config.portFile(), server.port());
            }
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The transport in use, epoll or nio. */
    public NativeTransport transport() {
        return transport;
    }

    /** Stops listening, closes every connection and stops the event loops. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void writePortFile(Path file, int port) throws IOException {
        // Written beside the target and renamed, so a script polling for the file never reads half of it.
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".port", ".tmp");
        Files.writeString(temp, Integer.toString(port), StandardCharsets.US_ASCII);
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
