package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fargatedsp.deploy.Json;

/**
 * Datadog's metric query API ({@code GET /api/v1/query}) on a loopback port, answering the bidder's metrics per
 * cohort as a scenario sets them. A query for the canary (it names task ARNs) only gets series for ARNs of tasks
 * the simulated ECS really ran, so a wrong filter finds no data.
 */
public final class DatadogSimulator implements AutoCloseable {
    public static final String API_KEY = "test-api-key";
    public static final String APP_KEY = "test-app-key";
    private static final Pattern QUERY = Pattern.compile("(\\w+):([\\w.]+)\\{(.*)}(\\.as_count\\(\\))?");
    private static final Pattern TASK_ARN = Pattern.compile("task_arn:([^ )]+)");

    /** A cohort's traffic per minute, and the shares and latency it shows. */
    public record CohortTraffic(double requestsPerMinute, double noBidRatio, double errorRatio, double ratio5xx,
                                double p99Ms) {
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms per call on loopback. Read once, before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "simulator-http");
        thread.setDaemon(true);
        return thread;
    });
    private final AwsSimulator aws;
    private final Map<String, CohortTraffic> cohorts = new ConcurrentHashMap<>();
    private final List<String> queries = new ArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();

    public DatadogSimulator(AwsSimulator aws) throws IOException {
        this.aws = aws;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A thread per exchange: a client that dies mid-request (the killed-process test) must not stall the rest.
        server.setExecutor(executor);
        server.createContext("/api/v1/query", this::serve);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets what the canary ("canary") or the baseline ("baseline") reports; unset means no data. */
    public void cohort(String name, CohortTraffic traffic) {
        cohorts.put(name, traffic);
    }

    public void clearCohort(String name) {
        cohorts.remove(name);
    }

    /** The next {@code times} queries answer 429, as Datadog's rate limiter does. */
    public void rateLimit(int times) {
        rateLimited.set(times);
    }

    public synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("DD-API-KEY"))
                    || !APP_KEY.equals(exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"))) {
                send(exchange, 403, "{\"errors\":[\"Forbidden\"]}");
                return;
            }
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 429, "{\"errors\":[\"Too many requests\"]}");
                return;
            }
            Map<String, String> params = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String query = params.get("query");
            synchronized (this) {
                queries.add(query);
            }
            Matcher m = QUERY.matcher(query);
            if (!m.matches()) {
                send(exchange, 400, "{\"errors\":[\"Error parsing query: " + query.replace("\"", "'") + "\"]}");
                return;
            }
            long from = Long.parseLong(params.get("from"));
            long to = Long.parseLong(params.get("to"));
            ObjectNode out = Json.MAPPER.createObjectNode().put("status", "ok").put("res_type", "time_series")
                    .put("query", query).put("from_date", from * 1000).put("to_date", to * 1000);
            ArrayNode series = out.putArray("series");
            String filter = m.group(3);
            boolean canary = filter.contains("task_arn:");
            CohortTraffic traffic = cohorts.get(canary ? "canary" : "baseline");
            if (traffic != null && (!canary || knownTasks(filter))) {
                series.add(series(m.group(2), filter, traffic, from, to));
            }
            send(exchange, 200, Json.MAPPER.writeValueAsString(out));
        }
    }

    private boolean knownTasks(String filter) {
        Matcher arns = TASK_ARN.matcher(filter);
        List<String> known = aws.read(sim -> sim.ecs().tasks().stream().map(t -> t.arn().toLowerCase()).toList());
        boolean any = false;
        while (arns.find()) {
            if (!known.contains(arns.group(1))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static ObjectNode series(String metric, String filter, CohortTraffic t, long from, long to) {
        double perMinute = switch (metric) {
            case "dsp.bidder.requests" -> t.requestsPerMinute() * (filter.contains("outcome:nobid") ? t.noBidRatio()
                    : filter.contains("outcome:error") ? t.errorRatio() : 1.0);
            case "dsp.bidder.http.responses" -> t.requestsPerMinute()
                    * (filter.contains("status_class:5xx") ? t.ratio5xx() : 1.0);
            case "dsp.bidder.request.latency.percentile" -> t.p99Ms();
            default -> Double.NaN;
        };
        ObjectNode s = Json.MAPPER.createObjectNode().put("metric", metric).put("scope", filter)
                .put("aggr", "sum").put("interval", 60);
        ArrayNode points = s.putArray("pointlist");
        for (long t0 = from; t0 < to; t0 += 60) {
            ArrayNode point = points.addArray().add(t0 * 1000.0);
            if (Double.isNaN(perMinute)) {
                point.addNull();
            } else {
                point.add(perMinute);
            }
        }
        s.put("length", points.size());
        return s;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
