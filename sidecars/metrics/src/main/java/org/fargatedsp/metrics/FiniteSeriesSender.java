package org.fargatedsp.metrics;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.ipc.http.HttpSender;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes series whose value is NaN or infinite from what the Datadog registry posts to {@code /api/v1/series}.
 * Micrometer's Datadog registry writes such a gauge as a bare {@code NaN}, which is not JSON, and one bad point
 * makes the intake refuse the whole batch; a gauge with no value yet (a campaign age before the first load, a
 * CPU figure the OS does not give) must cost only its own series.
 */
final class FiniteSeriesSender implements HttpSender {
    private static final Logger LOG = LoggerFactory.getLogger(FiniteSeriesSender.class);
    /** The shared mapper's reader, taking the bare {@code NaN} the registry writes so that it can be removed. */
    private static final ObjectReader SERIES = Json.MAPPER.reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private final HttpSender delegate;
    private final AtomicBoolean reported = new AtomicBoolean();

    FiniteSeriesSender(HttpSender delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response send(Request request) throws Throwable {
        if (!request.getUrl().getPath().endsWith("/api/v1/series")
                || request.getRequestHeaders().containsKey("Content-Encoding")) {
            return delegate.send(request);
        }
        JsonNode body = SERIES.readTree(request.getEntity());
        if (!(body.get("series") instanceof ArrayNode series)) {
            return delegate.send(request);
        }
        int dropped = 0;
        for (Iterator<JsonNode> it = series.elements(); it.hasNext(); ) {
            JsonNode points = it.next().path("points");
            boolean finite = true;
            for (JsonNode point : points) {
                finite &= point.size() == 2 && point.get(1).isNumber() && Double.isFinite(point.get(1).asDouble());
            }
            if (!finite) {
                it.remove();
                dropped++;
            }
        }
        if (dropped == 0) {
            return delegate.send(request);
        }
        if (reported.compareAndSet(false, true)) {
            LOG.info("series without a finite value are left out of Datadog posts", kvDropped(dropped));
        }
        return delegate.send(new Request(request.getUrl(), Json.MAPPER.writeValueAsBytes(body), request.getMethod(),
                request.getRequestHeaders()));
    }

    private static Object kvDropped(int dropped) {
        return net.logstash.logback.argument.StructuredArguments.kv("dropped_in_first_post", dropped);
    }
}
