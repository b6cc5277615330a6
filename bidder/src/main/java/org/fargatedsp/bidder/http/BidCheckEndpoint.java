package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.check.BidChecker;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * {@code GET} or {@code POST /openrtb2/bid/check[?campaign=ID]}: a bid request's body, read as {@code /openrtb2/bid}
 * reads it (gzip, the same size limits, the version header echoed), answered with the {@link BidChecker} report as
 * JSON: {@code 200} whether or not the bidder would have bid or refused it, since the report says which. Nothing is
 * logged to the bid log and nothing counts as a bid request; each check counts in {@link BidObserver#check}. Its
 * deadline ({@code tmax}) is not applied and it is never shed: the check always runs the whole auction.
 */
final class BidCheckEndpoint {
    private final BidChecker checker;
    private final Supplier<Catalog> catalog;
    private final BidObserver observer;
    private final int maxInflatedBodyBytes;
    private final LongSupplier clockMs;

    BidCheckEndpoint(BidChecker checker, Supplier<Catalog> catalog, BidObserver observer, int maxInflatedBodyBytes,
            LongSupplier clockMs) {
        this.checker = checker;
        this.catalog = catalog;
        this.observer = observer;
        this.maxInflatedBodyBytes = maxInflatedBodyBytes;
        this.clockMs = clockMs;
    }

    FullHttpResponse handle(ByteBufAllocator alloc, FullHttpRequest http) {
        Catalog current = catalog.get();
        if (current == null) {
            return HttpResponses.text(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE, "campaigns are not loaded yet");
        }
        String focus = campaignParameter(http.uri());
        if (focus != null && current.snapshot().campaign(focus) == null) {
            // Not a check of the request, nor a bad bid request: counted as neither.
            return HttpResponses.text(alloc, HttpResponseStatus.NOT_FOUND, "no campaign \"" + shorten(focus)
                    + "\" among the " + current.snapshot().campaigns().size() + " loaded");
        }
        BidScratch scratch = BidScratch.current();
        BidChecker.Report report;
        try {
            int length = BidBody.read(http, scratch, maxInflatedBodyBytes);
            report = checker.check(scratch.body(), length, current, clockMs.getAsLong(), focus);
        } catch (BadRequestException e) {
            // Refused reading the body (gzip, a limit): the report says so, with the status the bid path answers.
            report = checker.refused(e, RequestRouter.status(e.kind()).code());
        }
        observer.check(report.outcome());
        FullHttpResponse response = HttpResponses.of(HttpResponseStatus.OK, Unpooled.wrappedBuffer(report.json()),
                HttpResponses.APPLICATION_JSON);
        response.headers().set(HttpResponses.OPENRTB_VERSION, BidBody.version(http));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    /** The {@code campaign} query parameter; null when absent or empty. */
    private static String campaignParameter(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("campaign");
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100);
    }
}
