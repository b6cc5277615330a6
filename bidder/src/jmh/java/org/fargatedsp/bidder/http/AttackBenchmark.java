package org.fargatedsp.bidder.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an attacker's small gzip request costs the event loop against a real one: raw HTTP/1.1 bytes through the
 * real pipeline ({@link BidderChannelInitializer}) on an {@code EmbeddedChannel}, with the default limits, to the
 * response bytes written. Every body is sent gzipped, with {@code Content-Encoding: gzip}:
 * <ul>
 *   <li>{@code banner}: the typical banner request ({@link Workload#typicalBanner()}), answered with a bid.
 *   <li>{@code longId}: the same with an {@code id} of {@code size} characters: about 1 KB gzipped for a MiB.
 *   <li>{@code tokens}: the same with {@code size} bytes of {@code 0,} in an {@code ext} array nobody reads.
 *   <li>{@code nesting}: the same with {@code size} bytes of arrays nested 60 deep, side by side, in {@code ext}.
 * </ul>
 * {@code size} is {@code 1040000}, just under the inflated-body limit the bidder had (1 MiB), and {@code 60000},
 * just under the limit it has now (64 KiB). The figure to read is {@code cpu.time.norm}, the CPU time per request:
 *
 * <pre>bidder/jmh.sh AttackBenchmark -prof org.fargatedsp.bidder.CpuTimeProfiler</pre>
 *
 * <p>Setup prints each request's gzipped size and the status it is answered with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class AttackBenchmark {
    @Param({"banner", "longId", "tokens", "nesting"})
    public String request;

    @Param({"1040000", "60000"})
    public int size;

    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private EmbeddedBidder bidder;
    private EmbeddedChannel channel;
    private byte[] raw;

    @Setup(Level.Trial)
    public void setUp() {
        bidder = new EmbeddedBidder(Workload.catalog(10_000), Map.of());
        byte[] gzipped = WarmupPaths.gzip(body());
        String head = "POST /openrtb2/bid HTTP/1.1\r\n"
                + "Host: bid.fargatedsp.example\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\n"
                + "Content-Length: " + gzipped.length + "\r\n"
                + "x-openrtb-version: 2.6\r\n"
                + "X-Forwarded-For: 203.0.113.54\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        raw = new byte[headBytes.length + gzipped.length];
        System.arraycopy(headBytes, 0, raw, 0, headBytes.length);
        System.arraycopy(gzipped, 0, raw, headBytes.length, gzipped.length);
        channel = bidder.connect(alloc);
        channel.writeInbound(alloc.buffer(raw.length).writeBytes(raw));
        StringBuilder response = new StringBuilder();
        int written = 0;
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            if (response.length() == 0) {
                response.append(bytes.toString(bytes.readerIndex(), Math.min(bytes.readableBytes(), 15),
                        StandardCharsets.US_ASCII));
            }
            written += bytes.readableBytes();
            ReferenceCountUtil.release(out);
        }
        System.out.println(request + " " + size + ": " + gzipped.length + " bytes gzipped, answered "
                + response + "... in " + written + " bytes");
    }

    private byte[] body() {
        ObjectNode banner;
        try {
            banner = (ObjectNode) Json.MAPPER.readTree(Workload.typicalBanner());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        switch (request) {
            case "banner" -> {
                return Workload.typicalBanner();
            }
            case "longId" -> banner.put("id", "a".repeat(size));
            case "tokens" -> {
                ArrayNode zeros = banner.putObject("ext").putArray("x");
                for (int i = 0; i < size / 2; i++) {
                    zeros.add(0);
                }
            }
            case "nesting" -> {
                String nest = "[".repeat(60) + "]".repeat(60);
                String json = new String(Workload.typicalBanner(), StandardCharsets.UTF_8);
                String ext = ",\"ext\":[" + (nest + ",").repeat(size / 121) + "0]}";
                return (json.substring(0, json.lastIndexOf('}')) + ext).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown request " + request);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(banner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** Returns the number of response bytes written; a connection the server closed is opened again. */
    @Benchmark
    public int pipeline() {
        int written = EmbeddedBidder.exchange(channel, alloc, raw);
        if (written == 0) {
            throw new IllegalStateException("the connection did not answer");
        }
        if (!channel.isOpen()) {
            channel.finishAndReleaseAll();
            channel = bidder.connect(alloc);
        }
        return written;
    }
}
