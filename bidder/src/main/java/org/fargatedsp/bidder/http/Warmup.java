package org.fargatedsp.bidder.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bid requests through a copy of the real pipeline before the server says it is ready, so that the JIT has
 * compiled the bid path by the time the load balancer sends traffic. A cold JVM answers its first thousands of
 * requests tens of times slower, and a task put behind an ALB cold starts its life with timeouts.
 *
 * <p>The requests go through {@link BidderChannelInitializer} on an {@code EmbeddedChannel} with endpoints of
 * their own, whose outcomes are counted nowhere: no bid log, no metrics, no budgets touched.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** Typical shapes: banners on a site and in an app, video, native, a deal, a size nobody has, a blocked bid. */
    private static final List<String> BODIES = List.of(
            """
            {"id":"warmup-banner","at":1,"cur":["USD"],"tmax":120,"imp":[{"id":"1","bidfloor":0.05,
             "banner":{"w":300,"h":250,"format":[{"w":300,"h":250},{"w":728,"h":90}]}}],
             "site":{"id":"s1","domain":"news.example.com","cat":["IAB12"],"page":"https://news.example.com/a"},
             "device":{"ua":"Mozilla/5.0","devicetype":2,"os":"Windows","geo":{"country":"USA"}},
             "user":{"id":"u1"},"regs":{"coppa":0}}""",
            """
            {"id":"warmup-app","imp":[{"id":"1","bidfloor":0.5,"banner":{"w":320,"h":50}},
             {"id":"2","instl":1,"banner":{"w":0,"h":0}}],"app":{"bundle":"com.example.game","cat":["IAB9"]},
             "device":{"devicetype":4,"os":"iOS","ifa":"AA000DFE-74168477","geo":{"country":"GBR"}},
             "bcat":["IAB25","IAB26"],"badv":["blocked.example"]}""",
            """
            {"id":"warmup-video","imp":[{"id":"1","bidfloor":1.0,"video":{"mimes":["video/mp4"],"minduration":5,
             "maxduration":30,"protocols":[2,3,5,6],"w":640,"h":480}}],"site":{"domain":"video.example.com"},
             "device":{"devicetype":3,"geo":{"country":"DEU"}},"regs":{"ext":{"gdpr":1}},
             "user":{"ext":{"consent":"CPwarmup"}}}""",
            """
            {"id":"warmup-native","imp":[{"id":"1","native":{"request":"{}","ver":"1.2"}}],
             "site":{"domain":"feed.example.com","cat":["IAB20-3"]},"device":{"devicetype":1,"os":"Android"}}""",
            """
            {"id":"warmup-deal","imp":[{"id":"1","banner":{"w":300,"h":250},"pmp":{"private_auction":1,
             "deals":[{"id":"warmup-deal-1","bidfloor":2.5,"wseat":["seat-1"]}]}}],"site":{"domain":"a.example"}}""",
            """
            {"id":"warmup-nobid","imp":[{"id":"1","banner":{"w":301,"h":251}}],"bcat":["IAB1","IAB2","IAB3"]}""");

    private Warmup() {}

    /**
     * Sends bid requests through the pipeline of {@code endpoints} until {@code requests} have been answered or
     * {@code maxMs} has passed, whichever comes first.
     */
    public static void run(Endpoints endpoints, int requests, long maxMs, int maxBodyBytes) {
        if (requests <= 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMs);
        byte[][] raw = new byte[BODIES.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = httpRequest(BODIES.get(i));
        }
        EmbeddedChannel channel = new EmbeddedChannel(new BidderChannelInitializer(endpoints,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), 3_600_000, 3_600_000, maxBodyBytes, 6));
        ByteBufAllocator alloc = channel.alloc();
        int sent = 0;
        try {
            while (sent < requests && System.nanoTime() < deadline) {
                byte[] request = raw[sent % raw.length];
                channel.writeInbound(alloc.buffer(request.length).writeBytes(request));
                for (Object out; (out = channel.readOutbound()) != null; ) {
                    ReferenceCountUtil.release(out);
                }
                sent++;
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        LOG.info("warm-up done", kv("requests", sent),
                kv("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    }

    private static byte[] httpRequest(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /openrtb2/bid HTTP/1.1\r\nHost: warmup\r\nContent-Type: application/json\r\n"
                + "x-openrtb-version: 2.6\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + json.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(json, 0, request, head.length, json.length);
        return request;
    }
}
