package org.fargatedsp.loadtest.baseline;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The baseline's whole pipeline: an HTTP/1.1 request decoder and the handler. No encoder (responses
 * are pre-encoded bytes) and no aggregator (bodies are dropped chunk by chunk).
 */
final class BaselineInitializer extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpRequestDecoder(), BaselineHandler.INSTANCE);
    }
}
