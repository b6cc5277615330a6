package org.fargatedsp.bidder.auction;

import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.EntryQuery;
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
 * One auction ({@link Auctioneer#run}) on an already decoded request, against the embedded default campaigns plus
 * 10 or 10,000 generated ones ({@link org.fargatedsp.bidder.campaign.SyntheticCampaigns}). The campaign index
 * should make the two sizes cost nearly the same. Requests ({@link Workload}):
 * <ul>
 *   <li>{@code banner}: the typical 300x250 banner request, which gets a bid;
 *   <li>{@code noBidBlocked}: the same with every category in {@code bcat}, so that every campaign matches and is
 *       then blocked: the no-bid that scans the whole index;
 *   <li>{@code noBidSize}: the same for a size no creative has, the no-bid the index answers at once.
 * </ul>
 *
 * <pre>bidder/jmh.sh MatchBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchBenchmark {
    @Param({"10", "10000"})
    public int campaigns;

    @Param({"banner", "noBidBlocked", "noBidSize"})
    public String request;

    private final Auctioneer auctioneer = new Auctioneer(Workload.usd());
    private final EntryQuery query = new EntryQuery();
    private final AuctionResult result = new AuctionResult();
    private CampaignSnapshot snapshot;
    private BidRequest bidRequest;
    private long nowMillis;

    @Setup
    public void setUp() {
        snapshot = Workload.catalog(campaigns).snapshot();
        byte[] json = Workload.auctionRequest(request);
        bidRequest = new BidRequestDecoder(100, 1024 * 1024).decode(json, 0, json.length);
        nowMillis = System.currentTimeMillis();
        auctioneer.run(bidRequest, snapshot, nowMillis, query, result);
        int expectedBids = request.equals("banner") ? 1 : 0;
        if (result.bids() != expectedBids) {
            throw new IllegalStateException(request + " got " + result.bids() + " bids (" + result.reason()
                    + "), expected " + expectedBids);
        }
    }

    @Benchmark
    public AuctionResult auction() {
        auctioneer.run(bidRequest, snapshot, nowMillis, query, result);
        return result;
    }
}
