package org.fargatedsp.bidder.check;

import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.Catalog;
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
 * One bid check ({@link BidChecker#check}: decode, explain every campaign, run the auction, write the JSON report)
 * against the embedded default campaigns plus 10 or 10,000 generated ones, for the requests of
 * {@code MatchBenchmark}: what a check costs the event loop it runs on, which the bid path never pays.
 *
 * <pre>bidder/jmh.sh CheckBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckBenchmark {
    @Param({"10", "10000"})
    public int campaigns;

    @Param({"banner", "noBidBlocked", "noBidSize"})
    public String request;

    private final BidChecker checker = new BidChecker(new BidRequestDecoder(100, 1024 * 1024),
            new Auctioneer(Workload.usd()), "https://bid.example.com");
    private Catalog catalog;
    private byte[] json;
    private long nowMillis;

    @Setup
    public void setUp() {
        catalog = Workload.catalog(campaigns);
        json = Workload.auctionRequest(request);
        nowMillis = System.currentTimeMillis();
        CheckOutcome expected = request.equals("banner") ? CheckOutcome.BID : CheckOutcome.NOBID;
        if (check().outcome() != expected) {
            throw new IllegalStateException(request + " was checked as " + check().outcome() + ", not " + expected);
        }
    }

    @Benchmark
    public BidChecker.Report check() {
        return checker.check(json, json.length, catalog, nowMillis, null);
    }
}
