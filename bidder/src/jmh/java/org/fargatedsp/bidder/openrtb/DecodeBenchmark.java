package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.json.Json;
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
 * Decoding one bid request from bytes already in memory into the {@code openrtb} records, for each IAB example
 * request of OpenRTB 2.5 and 2.6 ({@code openrtb/examples/requests} of the {@code openrtb-examples} module): the bidder's streaming
 * {@link BidRequestDecoder} against jackson-databind plain, with Afterburner and with Blackbird
 * ({@link DatabindBidRequestDecoder}). Time and bytes allocated per request are what to compare; run it with the
 * GC profiler for the bytes ({@code gc.alloc.rate.norm}):
 *
 * <pre>bidder/jmh.sh DecodeBenchmark -prof gc</pre>
 *
 * <p>One example only: {@code bidder/jmh.sh DecodeBenchmark -p example=2.6/simple-banner -prof gc}. Setup checks
 * that all four decoders give the same result for the example, so that they are compared doing the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    @Param({
        "2.5/simple-banner", "2.5/expandable-creative", "2.5/mobile", "2.5/native-ad", "2.5/pmp-with-direct-deal",
        "2.5/video", "2.6/simple-banner", "2.6/expandable-creative", "2.6/mobile", "2.6/pmp-with-direct-deal",
        "2.6/video"})
    public String example;

    private byte[] json;
    private final BidRequestDecoder streaming = new BidRequestDecoder(100, 1024 * 1024);
    /** Reused, as the bid path reuses its event loop's. */
    private final Repairs repairs = new Repairs();
    private final DatabindBidRequestDecoder databind =
            new DatabindBidRequestDecoder(DatabindBidRequestDecoder.Variant.PLAIN);
    private final DatabindBidRequestDecoder afterburner =
            new DatabindBidRequestDecoder(DatabindBidRequestDecoder.Variant.AFTERBURNER);
    private final DatabindBidRequestDecoder blackbird =
            new DatabindBidRequestDecoder(DatabindBidRequestDecoder.Variant.BLACKBIRD);

    @Setup
    public void load() throws IOException {
        json = Workload.example(example);
        JsonNode expected = tree(streaming.decode(json, 0, json.length));
        for (DatabindBidRequestDecoder decoder : new DatabindBidRequestDecoder[] {databind, afterburner, blackbird}) {
            JsonNode actual = tree(decoder.decode(json, 0, json.length));
            if (!expected.equals(actual)) {
                throw new IllegalStateException(decoder.variant() + " decodes " + example + " as " + actual
                        + " but the streaming decoder as " + expected);
            }
        }
    }

    /** Records hold int[] arrays, which equals() compares by identity: compare the records as JSON trees. */
    private static JsonNode tree(BidRequest request) {
        return Json.MAPPER.valueToTree(request);
    }

    @Benchmark
    public BidRequest streaming() {
        return streaming.decode(json, 0, json.length, repairs);
    }

    @Benchmark
    public BidRequest databind() throws IOException {
        return databind.decode(json, 0, json.length);
    }

    @Benchmark
    public BidRequest afterburner() throws IOException {
        return afterburner.decode(json, 0, json.length);
    }

    @Benchmark
    public BidRequest blackbird() throws IOException {
        return blackbird.decode(json, 0, json.length);
    }
}
