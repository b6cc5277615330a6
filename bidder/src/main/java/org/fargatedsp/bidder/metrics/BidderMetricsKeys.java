package org.fargatedsp.bidder.metrics;

import java.util.List;
import org.fargatedsp.config.Key;
import org.fargatedsp.metrics.MetricsConfig;

/** The bidder's metrics keys: the shared ones of {@link MetricsConfig}, with the bidder's own {@code DD_SERVICE}. */
public final class BidderMetricsKeys {
    public static final Key<String> SERVICE = MetricsConfig.service("fargate-dsp-bidder");
    /** Every metrics key, in the order of the README's table and docs/observability.md's. */
    public static final List<Key<?>> KEYS = MetricsConfig.keys(SERVICE);

    private BidderMetricsKeys() {}
}
