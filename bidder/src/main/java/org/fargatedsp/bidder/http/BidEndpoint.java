package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.fargatedsp.bidder.openrtb.Repairs;

/**
 * {@code POST /openrtb2/bid}: body to BidRequest, auction, BidResponse or 204, inside the request's deadline.
 * Runs on the event loop and never blocks; bad input surfaces as {@link BadRequestException}.
 */
final class BidEndpoint {
    private final BidRequestDecoder decoder;
    private final Auctioneer auctioneer;
    private final BidResponseWriter writer;
    private final BidIds ids;
    private final Supplier<Catalog> catalog;
    private final BidObserver observer;
    private final SampledLogger repairLog;
    private final int maxInflatedBodyBytes;
    private final long defaultTmaxNanos;
    private final long marginNanos;
    private final LongSupplier clockMs;
    private final LongSupplier clockNanos;

    BidEndpoint(BidRequestDecoder decoder, Auctioneer auctioneer, BidResponseWriter writer, BidIds ids,
            Supplier<Catalog> catalog, BidObserver observer, SampledLogger repairLog, Endpoints.BidLimits limits,
            LongSupplier clockMs, LongSupplier clockNanos) {
        this.decoder = decoder;
        this.auctioneer = auctioneer;
        this.writer = writer;
        this.ids = ids;
        this.catalog = catalog;
        this.observer = observer;
        this.repairLog = repairLog;
        this.maxInflatedBodyBytes = limits.maxInflatedBodyBytes();
        this.defaultTmaxNanos = TimeUnit.MILLISECONDS.toNanos(limits.defaultTmaxMs());
        this.marginNanos = TimeUnit.MILLISECONDS.toNanos(limits.networkMarginMs());
        this.clockMs = clockMs;
        this.clockNanos = clockNanos;
    }

    /**
     * @param startNanos when the request's first byte was read, on the endpoints' nanosecond clock: its deadline
     *     counts from then, so the time it waited behind other requests counts against it, and so does the time
     *     it waited in the kernel while the event loop is continuously late ({@link LoadShedder#backlogNanos})
     * @param exchange the exchange named in the path, or null
     * @throws BadRequestException for a request the bidder refuses, with its id once that was read
     * @throws BidFailure for a bug met after the request was decoded, with the request's id
     */
    FullHttpResponse handle(ByteBufAllocator alloc, FullHttpRequest http, long startNanos, String exchange) {
        if (LoadShedder.overloaded()) {
            // Not decoded: shedding must cost as little as answering can.
            return noBid(null, NoBidReason.OVERLOADED, startNanos, exchange, http);
        }
        Catalog current = catalog.get();
        if (current == null) {
            return HttpResponses.text(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE, "campaigns are not loaded yet");
        }
        BidScratch scratch = BidScratch.current();
        int length = BidBody.read(http, scratch, maxInflatedBodyBytes);
        BidRequest request = decode(scratch, length);
        try {
            return answer(alloc, http, request, current, scratch, startNanos, exchange);
        } catch (BadRequestException e) {
            throw e.withRequestId(request.id());
        } catch (RuntimeException e) {
            throw new BidFailure(request.id(), e);
        }
    }

    /**
     * The body as a BidRequest; what the decoder repaired goes to the observer and the sampled log first, also for
     * a request it then refuses. Nothing is told or allocated for a request without repairs.
     */
    private BidRequest decode(BidScratch scratch, int length) {
        Repairs repairs = scratch.repairs;
        BidRequest request;
        try {
            request = decoder.decode(scratch.body(), 0, length, repairs);
        } catch (BadRequestException e) {
            if (!repairs.isEmpty()) {
                repaired(e.requestId(), repairs);
            }
            throw e;
        }
        if (!repairs.isEmpty()) {
            repaired(request.id(), repairs);
        }
        return request;
    }

    private void repaired(String requestId, Repairs repairs) {
        observer.repaired(requestId, repairs);
        // Formatted only when the sampler lets the line through.
        repairLog.info(requestId, "repaired bid request: {}", repairs);
    }

    /** The auction and the response for a decoded request. */
    private FullHttpResponse answer(ByteBufAllocator alloc, FullHttpRequest http, BidRequest request,
            Catalog current, BidScratch scratch, long startNanos, String exchange) {
        long deadline = startNanos - LoadShedder.backlogNanos() + (request.tmax() > 0
                ? TimeUnit.MILLISECONDS.toNanos(request.tmax()) : defaultTmaxNanos) - marginNanos;
        if (clockNanos.getAsLong() >= deadline) {
            return noBid(request, NoBidReason.DEADLINE, startNanos, exchange, http);
        }
        AuctionResult result = scratch.result;
        long nowMillis = clockMs.getAsLong();
        auctioneer.bid(request, current.snapshot(), nowMillis, scratch.query, result);
        if (result.bids() == 0) {
            return noBid(request, result.reason(), startNanos, exchange, http);
        }
        if (clockNanos.getAsLong() >= deadline) {
            return noBid(request, NoBidReason.DEADLINE, startNanos, exchange, http);
        }
        long firstBidSeq = ids.reserve(result.bids());
        ByteBuf out = alloc.buffer(writer.estimateSize(request, result, current.templates()));
        try {
            writer.write(out, request, result, current.templates(), firstBidSeq, nowMillis, exchange);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        FullHttpResponse response = HttpResponses.of(HttpResponseStatus.OK, out, HttpResponses.APPLICATION_JSON);
        response.headers().set(HttpResponses.OPENRTB_VERSION, BidBody.version(http));
        observer.bid(request, result, current, firstBidSeq, startNanos, exchange);
        return response;
    }

    private FullHttpResponse noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange,
            FullHttpRequest http) {
        // No bid is a 204 with an empty body (spec 2.5, section 2.1): the reason stays with us.
        FullHttpResponse response = HttpResponses.empty(HttpResponseStatus.NO_CONTENT);
        response.headers().set(HttpResponses.OPENRTB_VERSION, BidBody.version(http));
        observer.noBid(request, reason, startNanos, exchange);
        return response;
    }
}
