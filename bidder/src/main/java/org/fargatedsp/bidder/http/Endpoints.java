package org.fargatedsp.bidder.http;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.check.BidChecker;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;

/**
 * Everything the per-connection handlers share: the endpoints, the server state, the counters, the logs, the
 * wall clock of auctions and notices and the nanosecond clock of deadlines and processing times. Built by
 * {@link #builder()}, which names each part. {@code check} is null when the bid check is off, {@code budgets} when
 * the CPU budget of sources is.
 */
public record Endpoints(
        BidEndpoint bid,
        BidCheckEndpoint check,
        HealthEndpoint health,
        NoticeEndpoint notice,
        ServerState state,
        BidObserver observer,
        Logs logs,
        LongSupplier clockMs,
        LongSupplier clockNanos,
        SourceBudgets budgets) {

    /** Sampled logs of per-request problems: refused requests, failures inside the bidder, repaired requests. */
    public record Logs(SampledLogger badRequests, SampledLogger failures, SampledLogger repairs) {}

    /** Limits of the bid endpoint. */
    public record BidLimits(int maxInflatedBodyBytes, long defaultTmaxMs, long networkMarginMs) {}

    /**
     * The share of each event loop's time one source may take, averaged over bursts of {@code burstMs}
     * ({@link SourceBudgets}); {@code percent} 0 turns the budget off. {@code log} tells when a source goes over it
     * and when it is back within it.
     */
    public record CpuBudget(int percent, long burstMs, SampledLogger log) {}

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the parts of a set of endpoints by name; {@link #build()} refuses one that is missing. */
    public static final class Builder {
        private BidRequestDecoder decoder;
        private Auctioneer auctioneer;
        private BidResponseWriter writer;
        private BidIds ids;
        private BidChecker checker;
        private Supplier<Catalog> catalog;
        private NoticeEndpoint notices;
        private ServerState state;
        private RequestStats stats;
        private BidObserver observer;
        private Logs logs;
        private BidLimits limits;
        private List<HealthDetail> healthDetails;
        private LongSupplier clockMs;
        private LongSupplier clockNanos = System::nanoTime;
        private CpuBudget cpuBudget;

        private Builder() {}

        /** The CPU budget of each source of requests; without one (the default) none is kept. */
        public Builder cpuBudget(CpuBudget cpuBudget) {
            this.cpuBudget = cpuBudget;
            return this;
        }

        public Builder decoder(BidRequestDecoder decoder) {
            this.decoder = decoder;
            return this;
        }

        public Builder auctioneer(Auctioneer auctioneer) {
            this.auctioneer = auctioneer;
            return this;
        }

        /** Writes bid responses; it must number bids with the same {@link #ids(BidIds) ids}. */
        public Builder writer(BidResponseWriter writer) {
            this.writer = writer;
            return this;
        }

        public Builder ids(BidIds ids) {
            this.ids = ids;
            return this;
        }

        /** The bid check's; null (the default) leaves {@code /openrtb2/bid/check} off. */
        public Builder checker(BidChecker checker) {
            this.checker = checker;
            return this;
        }

        /** The campaigns to bid on; null until they are loaded. */
        public Builder catalog(Supplier<Catalog> catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder notices(NoticeEndpoint notices) {
            this.notices = notices;
            return this;
        }

        public Builder state(ServerState state) {
            this.state = state;
            return this;
        }

        /** The counters {@code /health} shows. */
        public Builder stats(RequestStats stats) {
            this.stats = stats;
            return this;
        }

        /** Told of every outcome: the counters first, then whatever else counts or logs them. */
        public Builder observer(BidObserver observer) {
            this.observer = observer;
            return this;
        }

        public Builder logs(Logs logs) {
            this.logs = logs;
            return this;
        }

        public Builder limits(BidLimits limits) {
            this.limits = limits;
            return this;
        }

        /** What {@code /health} adds to its details besides the counters. */
        public Builder healthDetails(List<HealthDetail> healthDetails) {
            this.healthDetails = List.copyOf(healthDetails);
            return this;
        }

        /** Epoch milliseconds for the auction's bid time and budgets, and for the notices' spend day. */
        public Builder clockMs(LongSupplier clockMs) {
            this.clockMs = clockMs;
            return this;
        }

        /**
         * Monotonic nanoseconds, {@link System#nanoTime()} unless set: when requests' first bytes are read, their
         * deadlines, and when their responses are written.
         */
        public Builder clockNanos(LongSupplier clockNanos) {
            this.clockNanos = clockNanos;
            return this;
        }

        public Endpoints build() {
            BidEndpoint bid = new BidEndpoint(required(decoder, "decoder"), required(auctioneer, "auctioneer"),
                    required(writer, "writer"), required(ids, "ids"), required(catalog, "catalog"),
                    required(observer, "observer"), required(logs, "logs").repairs(), required(limits, "limits"),
                    required(clockMs, "clockMs"), required(clockNanos, "clockNanos"));
            BidCheckEndpoint check = checker == null ? null : new BidCheckEndpoint(checker, catalog, observer,
                    limits.maxInflatedBodyBytes(), clockMs);
            HealthEndpoint health = new HealthEndpoint(required(state, "state"), catalog, required(stats, "stats"),
                    required(healthDetails, "healthDetails"));
            SourceBudgets budgets = cpuBudget == null || cpuBudget.percent() == 0 ? null
                    : new SourceBudgets(cpuBudget.percent(), cpuBudget.burstMs(), clockNanos, cpuBudget.log());
            return new Endpoints(bid, check, health, required(notices, "notices"), state, observer,
                    required(logs, "logs"), clockMs, clockNanos, budgets);
        }

        private static <T> T required(T part, String name) {
            return Objects.requireNonNull(part, () -> "Endpoints need " + name);
        }
    }
}
