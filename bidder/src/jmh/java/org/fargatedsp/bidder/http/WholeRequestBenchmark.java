package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.budget.BudgetConfig;
import org.fargatedsp.bidder.budget.BudgetTable;
import org.fargatedsp.bidder.budget.FleetBudgets;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.bidlog.DropCause;
import org.fargatedsp.bidder.bidlog.FileBidLog;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidder.metrics.BidderMetricsKeys;
import org.fargatedsp.metrics.CommonTags;
import org.fargatedsp.metrics.EcsTaskMetadata;
import org.fargatedsp.metrics.MeterRegistries;
import org.fargatedsp.metrics.MetricsConfig;
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
 * The whole bid path of one request against the default campaigns plus 10,000 generated ones, on one thread:
 * <ul>
 *   <li>{@code endpoint}: {@link BidEndpoint#handle}, as {@link RequestRouter} calls it: copy the body, decode,
 *       auction, encode the BidResponse into a pooled buffer, build the response and report the outcome to the
 *       {@link BidObserver}, then tell the observer it was written, as the router does after its flush. The
 *       response is released right after.
 *   <li>{@code pipeline}: the raw HTTP/1.1 request bytes, as a socket read delivers them in a pooled buffer,
 *       through the real pipeline that {@link BidderChannelInitializer} builds (HTTP codec, timeouts, keep-alive,
 *       compressor, aggregator, router) on an {@code EmbeddedChannel}, to the encoded response bytes, released
 *       as the socket write would.
 * </ul>
 * {@code request} is {@code banner}, the typical banner request ({@link Workload#typicalBanner()}) answered with a
 * bid, {@code noBid}, the same with every category blocked, which scans the whole index for a 204, or
 * {@code native}, the typical native request ({@link Workload#typicalNative()}), matched asset by asset and answered
 * with a native response built for it. The HTTP
 * request carries the headers an ALB forwards (X-Forwarded-*, X-Amzn-Trace-Id) and no Accept-Encoding.
 *
 * <p>The target: under 10 µs and under 2 KB allocated per typical banner request ({@code gc.alloc.rate.norm}):
 *
 * <pre>bidder/jmh.sh WholeRequestBenchmark -prof gc</pre>
 *
 * <p>{@code observers=production} includes what a running bidder does per request besides answering: the Datadog
 * meters and building and queueing the bid-log record (formatting and writing happen on the bid log's own thread,
 * on the other core).
 *
 * <p>{@code budgets=leased} bids on leases of budget, as with {@code BUDGET_TABLE}: the auction checks each
 * candidate's lease and a bid takes its price from it. The leases come from a budget table in a moto server of the
 * benchmark's own ({@code python3 -m moto.server}), granted before the run, each large enough for all of it (the
 * tear-down fails if any request found its lease short); {@code in_process} counts billing notices in the task.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WholeRequestBenchmark {
    private static final String TABLE = "bench-budgets";

    @Param({"10000"})
    public int campaigns;

    @Param({"banner", "noBid", "native"})
    public String request;

    /**
     * What is told of each outcome: {@code production} as {@code BidderAssembly} wires it for {@code Bidder} (the
     * counters, the Datadog meters on a registry that sends nothing during the run, and the bid log writing to a
     * temporary directory on its own thread); {@code counters} the in-process counters only.
     */
    @Param({"production", "counters"})
    public String observers;

    /** How budgets are kept: {@code in_process} (no {@code BUDGET_TABLE}) or {@code leased} from a table. */
    @Param({"in_process", "leased"})
    public String budgets;

    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private EmbeddedBidder bidder;
    private BidderMetrics metrics;
    private FileBidLog bidLog;
    private Path bidLogDir;
    private FullHttpRequest http;
    private byte[] raw;
    private EmbeddedChannel channel;
    private int expectedStatus;
    private MotoServer moto;
    private FleetBudgets fleet;
    /** Requests that found their lease short before the run: those of {@link #awaitLeases}. */
    private long shortBeforeRun;

    @Setup(Level.Trial)
    public void setUp() {
        if (observers.equals("production")) {
            MetricsConfig config = MetricsConfig.fromEnv(
                    Map.of("DD_API_KEY", "k", "DD_URL", "http://127.0.0.1:9", "DD_STEP_MS", "3600000"),
                    BidderMetricsKeys.SERVICE, new ArrayList<>());
            metrics = new BidderMetrics(MeterRegistries.create(config,
                    CommonTags.of(EcsTaskMetadata.local("bench"), config)));
            try {
                bidLogDir = Files.createTempDirectory("bench-bidlog");
                bidLog = FileBidLog.start(BidLogConfig.fromEnv(Map.of("BID_LOG_DIR", bidLogDir.toString()),
                        new ArrayList<>()), "bench");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bidder = new EmbeddedBidder(catalog(), Map.of("DD_VERSION", "bench"), metrics, bidLog, "bench");
        } else {
            bidder = new EmbeddedBidder(catalog(), Map.of());
        }
        byte[] body = switch (request) {
            case "banner" -> Workload.typicalBanner();
            case "noBid" -> Workload.noBidBlockedCategories();
            case "native" -> Workload.typicalNative();
            default -> throw new IllegalArgumentException("unknown request " + request);
        };
        expectedStatus = request.equals("noBid") ? 204 : 200;
        http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/openrtb2/bid",
                Unpooled.wrappedBuffer(body));
        http.headers()
                .set(HttpHeaderNames.HOST, "bid.fargatedsp.example")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpResponses.OPENRTB_VERSION, "2.6");
        String head = "POST /openrtb2/bid HTTP/1.1\r\n"
                + "Host: bid.fargatedsp.example\r\n"
                + "User-Agent: exchange-bidder-client/4.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-openrtb-version: 2.6\r\n"
                + "X-Forwarded-For: 203.0.113.54\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Port: 443\r\n"
                + "X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        raw = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, raw, 0, headBytes.length);
        System.arraycopy(body, 0, raw, headBytes.length, body.length);
        channel = bidder.connect(alloc);
        awaitLeases();
        checkBothPathsAnswer();
        shortBeforeRun = bidder.stats().noBids(NoBidReason.BUDGET);
    }

    /** The campaigns, with budgets leased from a table of a moto server of their own when {@code budgets=leased}. */
    private Catalog catalog() {
        if (budgets.equals("in_process")) {
            return Workload.catalog(campaigns);
        }
        moto = MotoServer.start();
        BudgetTable.create(moto.dynamoDb(), TABLE);
        // Leases of a trillion micros at least: one lease lasts the whole run, and a tick renews it now and then.
        BudgetConfig config = new BudgetConfig(TABLE, null, 1_000, 180_000, 60_000, 10_000, 1_000_000_000_000L, 100,
                2);
        fleet = new FleetBudgets(config, moto.dynamoDbBuilder().build(), System::currentTimeMillis);
        fleet.start("bench");
        return Workload.catalog(Workload.campaignsWithLargeBudgets(campaigns), fleet.ledger());
    }

    /** Asks for the lease of the campaign the request bids on, and waits until the keeper granted it. */
    private void awaitLeases() {
        if (fleet == null || expectedStatus != 200) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            FullHttpResponse response = bidder.endpoints().bid().handle(alloc, http, System.nanoTime(), null);
            int status = response.status().code();
            response.release();
            if (status == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no lease was granted within 30 s");
            }
            try {
                // The keeper grants at its next tick, on a thread of its own: nothing to wait on but time.
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void checkBothPathsAnswer() {
        FullHttpResponse direct = bidder.endpoints().bid().handle(alloc, http, System.nanoTime(), null);
        int status = direct.status().code();
        direct.release();
        if (status != expectedStatus) {
            throw new IllegalStateException("BidEndpoint answered " + status + ", expected " + expectedStatus
                    + "; no-bids so far: " + bidder.stats().noBidsByReason());
        }
        if (fleet != null) {
            // The pipeline's first request, on a JVM still busy with moto's start and the keeper's first ticks over
            // 10,000 campaigns, can pass its 200 ms and be a deadline no-bid: only the second is checked.
            pipelineAnswer();
        }
        String response = pipelineAnswer();
        if (!response.startsWith("HTTP/1.1 " + expectedStatus + " ")) {
            throw new IllegalStateException("the pipeline answered " + response + ", expected " + expectedStatus
                    + "; no-bids so far: " + bidder.stats().noBidsByReason());
        }
    }

    private String pipelineAnswer() {
        channel.writeInbound(alloc.buffer(raw.length).writeBytes(raw));
        StringBuilder response = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            response.append(((ByteBuf) out).toString(StandardCharsets.UTF_8));
            ReferenceCountUtil.release(out);
        }
        return response.toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.finishAndReleaseAll();
        http.release();
        if (bidLog != null) {
            bidLog.shutdown();
            System.out.println("bid log: " + bidLog.written() + " written, " + bidLog.dropped(DropCause.QUEUE_FULL)
                    + " dropped as the queue was full");
            try (var files = Files.walk(bidLogDir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        if (metrics != null) {
            metrics.registry().close();
        }
        if (fleet != null) {
            fleet.close(5_000);
            moto.close();
            long shortInRun = bidder.stats().noBids(NoBidReason.BUDGET) - shortBeforeRun;
            if (shortInRun > 0) {
                throw new IllegalStateException(shortInRun + " requests found their lease short: the run measured"
                        + " no-bids");
            }
        }
    }

    /** Returns the status plus the body length, so that nothing is optimized away. */
    @Benchmark
    public int endpoint() {
        FullHttpResponse response = bidder.endpoints().bid().handle(alloc, http, System.nanoTime(), null);
        try {
            return response.status().code() + response.content().readableBytes();
        } finally {
            response.release();
            bidder.endpoints().observer().written(System.nanoTime());
        }
    }

    /** Returns the number of response bytes written. */
    @Benchmark
    public int pipeline() {
        int written = EmbeddedBidder.exchange(channel, alloc, raw);
        if (written == 0 || !channel.isOpen()) {
            throw new IllegalStateException("the connection did not answer or closed");
        }
        return written;
    }
}
