package org.fargatedsp.loadtest.generate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fargatedsp.loadtest.transport.NativeTransport;

/**
 * A test server that answers each bid request with the status a function of its request index
 * gives (read from the generator's id), or never answers when the function says 0.
 */
final class MixedStatusServer implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\":\"[0-9a-f]{8}-(\\d{12})\"");

    private final EventLoopGroup group = NativeTransport.NIO.newGroup(1, "mixed-status-server");
    private final Channel channel;
    final Set<String> ids = ConcurrentHashMap.newKeySet();

    MixedStatusServer(LongFunction<Integer> statusOf) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NativeTransport.NIO.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        Matcher id = ID.matcher(request.content().toString(StandardCharsets.UTF_8));
                                        if (!id.find()) {
                                            ctx.writeAndFlush(response(400));
                                            return;
                                        }
                                        ids.add(id.group());
                                        int status = statusOf.apply(Long.parseLong(id.group(1)));
                                        if (status != 0) {
                                            ctx.writeAndFlush(response(status));
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static FullHttpResponse response(int status) {
        byte[] body = status == 200 ? "{\"id\":\"x\",\"seatbid\":[]}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        if (status != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return response;
    }
}
