package org.fargatedsp.bidder.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.json.Json;

/**
 * {@code GET /health}: 200 when ready for traffic, 503 while starting or draining, with details as JSON. The
 * load balancer and ECS only look at the status; people look at the details.
 */
final class HealthEndpoint {
    private final ServerState state;
    private final Supplier<Catalog> catalog;
    private final RequestStats stats;
    private final List<HealthDetail> details;

    HealthEndpoint(ServerState state, Supplier<Catalog> catalog, RequestStats stats, List<HealthDetail> details) {
        this.state = state;
        this.catalog = catalog;
        this.stats = stats;
        this.details = details;
    }

    FullHttpResponse handle(ByteBufAllocator alloc) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", state.phase().name().toLowerCase(java.util.Locale.ROOT));
        Catalog current = catalog.get();
        if (current != null) {
            body.put("campaigns", current.snapshot().activeCampaigns());
            body.put("campaign_entries", current.snapshot().index().size());
            body.put("campaigns_age_s", (System.currentTimeMillis() - current.snapshot().loadedAtMillis()) / 1000);
            body.put("campaigns_source", current.snapshot().source());
        }
        body.put("bids", stats.bids());
        body.put("no_bids", stats.noBidsByReason());
        body.put("bad_requests", stats.badRequestsByKind());
        for (HealthDetail detail : details) {
            detail.addTo(body);
        }
        HttpResponseStatus status = state.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
        try {
            return HttpResponses.json(alloc, status, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health details are not serializable", e);
        }
    }
}
