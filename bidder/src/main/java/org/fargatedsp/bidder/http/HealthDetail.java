package org.fargatedsp.bidder.http;

import java.util.Map;

/** Contributes fields to {@code /health}'s details, such as the bid log's disk use. */
@FunctionalInterface
public interface HealthDetail {
    void addTo(Map<String, Object> details);
}
