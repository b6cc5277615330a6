package org.fargatedsp.deploy.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.deploy.Json;
import org.fargatedsp.deploy.canary.DeployError;
import org.fargatedsp.deploy.canary.DeployInterrupted;
import org.fargatedsp.deploy.canary.Waiter;
import org.fargatedsp.deploy.config.DatadogSettings;

/**
 * Reads cohort metrics from Datadog's query API ({@code GET /api/v1/query},
 * https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points), retrying rate limits and server errors.
 */
public final class DatadogMetricsSource implements MetricsSource {
    private static final int ATTEMPTS = 5;

    private final DatadogSettings settings;
    private final HttpClient http;
    private final Waiter waiter;

    public DatadogMetricsSource(DatadogSettings settings, HttpClient http, Waiter waiter) {
        if (settings.apiKey() == null || settings.appKey() == null) {
            throw new ConfigException(List.of("METRICS_SOURCE=datadog needs DD_API_KEY and DD_APP_KEY in the"
                    + " environment"));
        }
        this.settings = settings;
        this.http = http;
        this.waiter = waiter;
    }

    @Override
    public Set<Measure> measures() {
        return EnumSet.allOf(Measure.class);
    }

    @Override
    public CohortMetrics fetch(Cohort cohort, Instant from, Instant to) {
        Double requests = sum(query(DatadogQueries.requests(cohort, null), from, to));
        Double responses = sum(query(DatadogQueries.responses(cohort, null), from, to));
        // A counter that never moved publishes no series: with traffic present, that means zero.
        Double errors = zeroIfTraffic(sum(query(DatadogQueries.requests(cohort, "error"), from, to)), requests);
        Double noBids = zeroIfTraffic(sum(query(DatadogQueries.requests(cohort, "nobid"), from, to)), requests);
        Double http5xx = zeroIfTraffic(sum(query(DatadogQueries.responses(cohort, "5xx"), from, to)), responses);
        Double p99 = mean(query(DatadogQueries.p99(cohort), from, to));
        return new CohortMetrics(requests, responses, http5xx, errors, noBids, p99);
    }

    private static Double zeroIfTraffic(Double value, Double traffic) {
        return value == null && traffic != null && traffic > 0 ? Double.valueOf(0) : value;
    }

    /** The query's series; retries 429 and 5xx with a growing pause, as Datadog's rate-limit headers ask. */
    JsonNode query(String query, Instant from, Instant to) {
        URI uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/api/v1/query?from="
                + from.getEpochSecond() + "&to=" + to.getEpochSecond() + "&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("DD-API-KEY", settings.apiKey())
                .header("DD-APPLICATION-KEY", settings.appKey())
                .header("Accept", "application/json")
                .GET().build();
        Duration pause = waiter.interval();
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e.toString();
                waiter.sleep(pause);
                pause = pause.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                throw new DeployInterrupted("interrupted while querying Datadog");
            }
            if (response.statusCode() == 429 || response.statusCode() >= 500) {
                last = "HTTP " + response.statusCode();
                waiter.sleep(pause);
                pause = pause.multipliedBy(2);
                continue;
            }
            return series(response, query);
        }
        throw new DeployError("Datadog query failed after " + ATTEMPTS + " attempts (" + last + "): " + query);
    }

    private static JsonNode series(HttpResponse<String> response, String query) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new DeployError("Datadog answered HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() != 200 || "error".equals(body.path("status").asText())) {
            String error = body.has("errors") ? body.get("errors").toString() : body.path("error").asText();
            throw new DeployError("Datadog rejected the query (HTTP " + response.statusCode() + "): " + error
                    + " for " + query);
        }
        return body.path("series");
    }

    /** The sum of every point of every series; null when there is no point at all. */
    static Double sum(JsonNode series) {
        double total = 0;
        boolean any = false;
        for (JsonNode s : series) {
            for (JsonNode point : s.path("pointlist")) {
                if (point.size() > 1 && point.get(1).isNumber()) {
                    total += point.get(1).asDouble();
                    any = true;
                }
            }
        }
        return any ? total : null;
    }

    /** The mean of every point of every series; null when there is no point at all. */
    static Double mean(JsonNode series) {
        double total = 0;
        int count = 0;
        for (JsonNode s : series) {
            for (JsonNode point : s.path("pointlist")) {
                if (point.size() > 1 && point.get(1).isNumber()) {
                    total += point.get(1).asDouble();
                    count++;
                }
            }
        }
        return count == 0 ? null : total / count;
    }
}
