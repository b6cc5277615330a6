package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.ThreadMXBean;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.Workload;
import org.fargatedsp.bidder.budget.BudgetConfig;
import org.fargatedsp.bidder.budget.BudgetTable;
import org.fargatedsp.bidder.budget.FleetBudgets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bid path allocates no more with budgets leased from a table than with budgets counted in the task: the lease
 * check is volatile loads and a compare-and-set. Measured on this thread alone, request by request, once the path is
 * compiled; {@code WholeRequestBenchmark} gives the figures, with {@code budgets=leased}.
 */
@ExtendWith(MotoExtension.class)
class LeaseCheckAllocationTest {
    private static final int CAMPAIGNS = 2_000;
    private static final int WARM = 30_000;
    private static final int MEASURED = 10_000;
    /** A busy test machine must not turn bids into late no-bids. */
    private static final Map<String, String> PATIENT = Map.of("DEFAULT_TMAX_MS", "60000");
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final FullHttpRequest http = request(Workload.typicalBanner());

    @Test
    void aLeasedBudgetAddsNoAllocationToABid(MotoServer moto) {
        long inProcess = bytesPerBid(new EmbeddedBidder(Workload.catalog(CAMPAIGNS), PATIENT));
        BudgetTable.create(moto.dynamoDb(), "budgets");
        FleetBudgets fleet = new FleetBudgets(new BudgetConfig("budgets", null, 50, 180_000, 60_000, 10_000,
                1_000_000_000_000L, 100, 2), moto.dynamoDb(), System::currentTimeMillis);
        try {
            fleet.start("allocation-test");
            EmbeddedBidder bidder = new EmbeddedBidder(Workload.catalog(Workload.campaignsWithLargeBudgets(CAMPAIGNS),
                    fleet.ledger()), PATIENT);
            await().until(() -> status(bidder) == 200);

            long leased = bytesPerBid(bidder);
            // The figures, on the request thread alone (the lease keeper's is not counted), in the test's output.
            System.out.println("bytes a bid allocates on the request thread: in_process " + inProcess + ", leased "
                    + leased);
            assertThat(leased).as("bytes a bid allocates with leased budgets, against %d in the task", inProcess)
                    .isLessThanOrEqualTo(inProcess);
        } finally {
            fleet.close(5_000);
            http.release();
        }
    }

    /**
     * What one bid allocates on this thread, with Netty's leak detector off meanwhile: at the tests' paranoid level it
     * records a stack trace for every buffer, which would be all there is to see. Tests run one at a time.
     */
    private long bytesPerBid(EmbeddedBidder bidder) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            for (int i = 0; i < WARM; i++) {
                assertThat(status(bidder)).isEqualTo(200);
            }
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                status(bidder);
            }
            return (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private int status(EmbeddedBidder bidder) {
        FullHttpResponse response = bidder.endpoints().bid().handle(alloc, http, System.nanoTime(), null);
        try {
            return response.status().code();
        } finally {
            response.release();
            bidder.endpoints().observer().written(System.nanoTime());
        }
    }

    private static FullHttpRequest request(byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/openrtb2/bid",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpResponses.OPENRTB_VERSION, "2.6");
        return request;
    }
}
