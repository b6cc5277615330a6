package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.auction.NoBidReason;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidRecord;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.fargatedsp.metrics.MetricsConfig;
import org.fargatedsp.metrics.MeterRegistries;
import org.fargatedsp.metrics.CommonTags;
import org.fargatedsp.metrics.EcsTaskMetadata;

/**
 * What the request path pays for observability per request: the meters one no-bid or one bid touches
 * ({@code recordNoBid}, {@code recordBid}) on the Datadog registry ({@code datadog}) and on the registry used when
 * metrics are off ({@code off}), and building the bid-log record of a bid ({@code buildBidRecord}). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per request.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl bidder -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bidder/target/test-classes:bidder/target/classes:$(cat bidder/target/cp.txt) org.openjdk.jmh.Main BidderMetricsBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BidderMetricsBenchmark {
    private static final String[] IMP_IDS = {"1"};

    @Param({"datadog", "off"})
    public String registry;

    private BidderMetrics metrics;
    private long n;

    @Setup
    public void setUp() {
        // An hour's step and an intake nobody listens on: nothing is sent while the benchmark runs.
        Map<String, String> env = registry.equals("datadog")
                ? Map.of("DD_API_KEY", "k", "DD_URL", "http://127.0.0.1:9", "DD_STEP_MS", "3600000")
                : Map.of();
        MetricsConfig config = MetricsConfig.fromEnv(env, BidderMetricsKeys.SERVICE, new ArrayList<>());
        metrics = new BidderMetrics(MeterRegistries.create(config,
                CommonTags.of(EcsTaskMetadata.local("bench"), config)));
    }

    @TearDown
    public void tearDown() {
        metrics.registry().close();
    }

    @Benchmark
    public void recordNoBid() {
        metrics.noBid(NoBidReason.NO_MATCH);
        metrics.response(204);
        metrics.latencyNanos(850_000 + (n++ & 1023));
    }

    @Benchmark
    public void recordBid() {
        metrics.bid();
        metrics.bidPriceMicros(1_250_000);
        metrics.response(200);
        metrics.latencyNanos(850_000 + (n++ & 1023));
    }

    @Benchmark
    public BidRecord buildBidRecord() {
        return BidRecord.bid(1_767_225_600_000L, "req-1", "exchange-a", IMP_IDS,
                new BidEntry[] {new BidEntry("1", "b-1", "seat", "c-42", "cr-9", null, 1_250_000 + (n++ & 7), "USD")},
                850, false, "task", "1.0.0");
    }
}
