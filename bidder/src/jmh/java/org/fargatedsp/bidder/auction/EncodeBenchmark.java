package org.fargatedsp.bidder.auction;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.notice.NoticeSigningKeys;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding the BidResponse of one bid ({@link BidResponseWriter#write}), its signed notice token included, for the
 * typical banner request into a buffer from a pooled allocator, released after each operation as the channel
 * releases it after the write.
 * {@code allocator} {@code default} is {@link ByteBufAllocator#DEFAULT}, which the server's channels allocate from
 * ({@link AdaptiveByteBufAllocator} in Netty 4.2); {@code pooled} is the classic {@link PooledByteBufAllocator}.
 *
 * <pre>bidder/jmh.sh EncodeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {
    @Param({"default", "pooled"})
    public String allocator;

    private final BidIds ids = new BidIds();
    private final BidResponseWriter writer = new BidResponseWriter("https://bid.fargatedsp.example", "USD", ids,
            new NoticeSigner(NoticeSigningKeys.random()));
    private final AuctionResult result = new AuctionResult();
    private ByteBufAllocator alloc;
    private BidRequest request;
    private BidTemplates templates;
    private long nowMillis;
    private long bidSeq;

    @Setup
    public void setUp() {
        alloc = switch (allocator) {
            case "default" -> ByteBufAllocator.DEFAULT;
            case "pooled" -> PooledByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("unknown allocator " + allocator);
        };
        Catalog catalog = Workload.catalog(10);
        templates = catalog.templates();
        byte[] json = Workload.typicalBanner();
        request = new BidRequestDecoder(100, 1024 * 1024).decode(json, 0, json.length);
        nowMillis = System.currentTimeMillis();
        new Auctioneer(Workload.usd()).run(request, catalog.snapshot(), nowMillis, new EntryQuery(), result);
        if (result.bids() != 1) {
            throw new IllegalStateException("the typical banner request got " + result.bids() + " bids");
        }
    }

    @Benchmark
    public int write() {
        ByteBuf out = alloc.buffer(writer.estimateSize(request, result, templates));
        try {
            writer.write(out, request, result, templates, bidSeq++, nowMillis, null);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
