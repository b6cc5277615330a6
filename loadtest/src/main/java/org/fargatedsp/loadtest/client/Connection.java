package org.fargatedsp.loadtest.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import org.fargatedsp.loadtest.schedule.Lane;
import org.fargatedsp.loadtest.schedule.Slot;

/**
 * One keep-alive connection to the target: writes the requests the dispatcher gives it and reports
 * each response's status once its last byte has arrived. Response bodies are released unread.
 */
final class Connection extends SimpleChannelInboundHandler<HttpObject> implements Lane {
    private final Worker worker;
    private Channel channel;
    private Slot slot;
    private int status;
    private boolean keepAlive;

    Connection(Worker worker) {
        this.worker = worker;
    }

    @Override
    public void send(long k) {
        channel.writeAndFlush(worker.requests().encode(channel.alloc(), k), channel.voidPromise());
    }

    @Override
    public void abandon() {
        channel.close();
    }

    void attach(Slot newSlot) {
        this.slot = newSlot;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        worker.connected(this);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg.decoderResult().isFailure() || slot == null || !slot.busy()) {
            // A response that cannot be parsed, or that answers nothing we sent, leaves the
            // connection out of step with its requests: drop it and let the dispatcher count the loss.
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof LastHttpContent) {
            worker.dispatcher().answered(slot, status);
            if (!keepAlive) {
                ctx.close();
            }
            worker.checkDone();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (slot != null) {
            worker.dispatcher().laneClosed(slot);
        }
        worker.lost(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and write failures are part of load testing; the dispatcher counts the request on
        // this connection as failed when it closes, and the worker opens a new one.
        ctx.close();
    }
}
