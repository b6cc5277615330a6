package org.fargatedsp.shipper.sink.fault;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Answers a whole request: with its injected fault, or as Firehose or S3 would. */
final class ServiceHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final FirehoseEmulator firehose;
    private final S3Emulator s3;

    ServiceHandler(FirehoseEmulator firehose, S3Emulator s3) {
        this.firehose = firehose;
        this.s3 = s3;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Operation operation = ctx.channel().attr(FaultInjector.OPERATION).get();
        Fault fault = ctx.channel().attr(FaultInjector.FAULT).get();
        boolean isFirehose = request.headers().contains("X-Amz-Target");
        byte[] body = ByteBufUtil.getBytes(request.content());
        Reply reply;
        if (fault instanceof Fault.Status status) {
            reply = isFirehose ? Reply.jsonError(status.status(), status.status() == 503
                    ? "ServiceUnavailableException" : "InternalFailure", "injected")
                    : Reply.s3Error(status.status(), status.status() == 503 ? "ServiceUnavailable" : "InternalError",
                            "injected");
        } else if (fault instanceof Fault.Error error) {
            reply = isFirehose ? Reply.jsonError(error.status(), error.code(), "injected")
                    : Reply.s3Error(error.status(), error.code(), "injected");
        } else if (fault instanceof Fault.Throttle) {
            reply = isFirehose ? Reply.jsonError(400, "ThrottlingException", "Rate exceeded")
                    : Reply.s3Error(503, "SlowDown", "Please reduce your request rate.");
        } else if (isFirehose) {
            reply = operation == Operation.PUT_RECORD_BATCH
                    ? firehose.putRecordBatch(body, fault instanceof Fault.PartialFailure)
                    : Reply.jsonError(400, "UnknownOperationException", "not emulated");
        } else {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            reply = s3.serve(operation, request.uri(), headers, body);
        }
        if (fault instanceof Fault.Slow slow) {
            ctx.executor().schedule(() -> write(ctx, reply), slow.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            write(ctx, reply);
        }
    }

    // Resets and clients that give up on a slow answer close connections mid-request: expected, not an error.
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void write(ChannelHandlerContext ctx, Reply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set("x-amzn-RequestId", "fault-server").set("x-amz-request-id", "fault-server");
        reply.headers().forEach(response.headers()::set);
        ctx.writeAndFlush(response);
    }
}
