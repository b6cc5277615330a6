package org.fargatedsp.deploy.config;

import java.net.URI;

/** Where and how to reach Datadog's metric query API (https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points). */
public record DatadogSettings(URI baseUrl, String apiKey, String appKey) {
    @Override
    public String toString() {
        // Keys stay out of logs and summaries.
        return "DatadogSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", appKey=" + (appKey == null ? "unset" : "***") + "]";
    }
}
