package org.fargatedsp.bidder.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport: Linux epoll when its native library loads (fewer copies and syscalls than NIO, and
 * edge-triggered), Java NIO otherwise, or as configured.
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

    /** What {@code TRANSPORT} asks for: epoll, NIO, or epoll when its native library loads. */
    public enum Preference { AUTO, EPOLL, NIO }

    /**
     * @param preference which transport to use; {@link Preference#AUTO} is epoll when available, else NIO
     * @throws IllegalStateException when epoll is asked for but unavailable, with the reason
     */
    public static Transport choose(Preference preference) {
        boolean epoll = Epoll.isAvailable();
        if (preference == Preference.EPOLL && !epoll) {
            throw new IllegalStateException("TRANSPORT=epoll but epoll is unavailable: "
                    + Epoll.unavailabilityCause());
        }
        if (epoll && preference != Preference.NIO) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /** An event-loop group of {@code threads} threads named after {@code purpose}. */
    public EventLoopGroup newGroup(int threads, String purpose) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(purpose, true), ioHandlerFactory);
    }
}
