package org.fargatedsp.shipper.sink.fault;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Picks the fault of each request as its head arrives, and carries out a reset itself: when the first bytes of the
 * body come, the connection is closed with SO_LINGER 0, which sends an RST, as a load balancer or a dying server
 * does mid-upload. Other faults travel to {@link ServiceHandler} on the channel.
 */
final class FaultInjector extends ChannelInboundHandlerAdapter {
    static final AttributeKey<Fault> FAULT = AttributeKey.valueOf("fault");
    static final AttributeKey<Operation> OPERATION = AttributeKey.valueOf("operation");

    private final FaultServer server;
    private boolean resetting;

    FaultInjector(FaultServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            Operation operation = Operation.of(request);
            Fault fault = server.arrived(operation);
            ctx.channel().attr(OPERATION).set(operation);
            ctx.channel().attr(FAULT).set(fault);
            resetting = fault instanceof Fault.ResetMidBody;
        } else if (resetting && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
