package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fargatedsp.deploy.Json;

/**
 * An in-process AWS for the deploy tool: ECS (JSON 1.1), Elastic Load Balancing v2 (query) and CloudWatch
 * (RPC v2 CBOR) on one loopback port, keeping state as AWS does and moving it along with a {@link SimClock}.
 * The real SDK clients reach it through an endpoint override.
 */
public final class AwsSimulator implements AutoCloseable {
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
    private final SimClock clock;
    private final Faults faults = new Faults();
    private final ElbModel elb = new ElbModel(faults);
    private final EcsModel ecs;
    private final EcsApi ecsApi;
    private final ElbApi elbApi;
    private final CloudWatchApi cloudWatch = new CloudWatchApi();
    private final List<String> calls = new ArrayList<>();

    public AwsSimulator(SimClock clock, String region, String cluster) throws IOException {
        this.clock = clock;
        this.ecs = new EcsModel(region, cluster, faults, elb);
        this.ecsApi = new EcsApi(ecs);
        this.elbApi = new ElbApi(elb);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A thread per exchange: a client that dies mid-request (the killed-process test) must not stall the rest.
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Faults faults() {
        return faults;
    }

    public CloudWatchApi cloudWatch() {
        return cloudWatch;
    }

    public SimClock clock() {
        return clock;
    }

    /** Reads the state consistently (moved along to now). */
    public synchronized <T> T read(java.util.function.Function<AwsSimulator, T> reader) {
        advance();
        return reader.apply(this);
    }

    public synchronized EcsModel ecs() {
        advance();
        return ecs;
    }

    public synchronized ElbModel elb() {
        advance();
        return elb;
    }

    /** Every API call so far, as "service:Action". */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    // ---- set-up for scenarios ----

    public synchronized String registerTaskDefinition(String json) throws IOException {
        return ecs.taskDefinitions.register((ObjectNode) Json.MAPPER.readTree(json), clock.instant()).arn();
    }

    public synchronized String createTargetGroup(String name, String loadBalancerArn, Duration deregistrationDelay) {
        String arn = "arn:aws:elasticloadbalancing:" + ecs.region + ":" + EcsModel.ACCOUNT + ":targetgroup/" + name
                + "/" + String.format("%016x", name.hashCode() & 0xffffffffL);
        elb.groups.put(arn, new ElbModel.SimTargetGroup(arn, List.of(loadBalancerArn), deregistrationDelay));
        return arn;
    }

    public synchronized String createRule(String loadBalancerArn, Map<String, Integer> weights) {
        String arn = loadBalancerArn.replace(":loadbalancer/", ":listener-rule/") + "/0123456789abcdef/"
                + String.format("%016x", elb.rules.size() + 1);
        elb.rules.put(arn, new LinkedHashMap<>(weights));
        return arn;
    }

    public synchronized SimService createService(String name, String taskDefinitionArn, int count,
                                                 List<String> targetGroups, boolean circuitBreaker) {
        return ecs.createService(name, taskDefinitionArn, count, targetGroups, circuitBreaker, clock.instant());
    }

    // ---- the wire ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            synchronized (this) {
                clock.onRequest();
                advance();
                try {
                    if (target != null && target.startsWith(EcsApi.TARGET_PREFIX)) {
                        String action = target.substring(EcsApi.TARGET_PREFIX.length());
                        record("ecs:" + action);
                        ObjectNode out = ecsApi.handle(action, Json.MAPPER.readTree(body), clock.instant());
                        send(exchange, 200, "application/x-amz-json-1.1", Json.MAPPER.writeValueAsBytes(out), null);
                    } else if (path.startsWith(CloudWatchApi.PATH)) {
                        String operation = path.substring(CloudWatchApi.PATH.length());
                        record("monitoring:" + operation);
                        send(exchange, 200, "application/cbor", cloudWatch.handle(operation, body), null);
                    } else {
                        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                        String action = form.getOrDefault("Action", "");
                        record("elasticloadbalancing:" + action);
                        String xml = elbApi.handle(action, form, clock.instant());
                        send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8), null);
                    }
                } catch (SimError e) {
                    error(exchange, target, path, e);
                } finally {
                    advance();
                }
            }
        }
    }

    private void record(String call) {
        calls.add(call);
        String action = call.substring(call.indexOf(':') + 1);
        if (faults.throttled(action)) {
            throw new SimError(call.startsWith("ecs:") ? "ThrottlingException" : "Throttling", "Rate exceeded");
        }
    }

    private void error(HttpExchange exchange, String target, String path, SimError e) throws IOException {
        if (target != null) {
            ObjectNode out = Json.MAPPER.createObjectNode().put("__type", e.code).put("message", e.getMessage());
            send(exchange, e.status, "application/x-amz-json-1.1", Json.MAPPER.writeValueAsBytes(out), null);
        } else if (path.startsWith(CloudWatchApi.PATH)) {
            byte[] out = CloudWatchApi.CBOR.writeValueAsBytes(Map.of("__type", e.code, "message", e.getMessage()));
            send(exchange, e.status, "application/cbor", out, e.code + ";Sender");
        } else {
            String xml = "<ErrorResponse xmlns=\"" + ElbApi.NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + e.code
                    + "</Code><Message>" + Wire.xml(e.getMessage()) + "</Message></Error><RequestId>"
                    + UUID.randomUUID() + "</RequestId></ErrorResponse>";
            send(exchange, e.status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String queryError)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        if (type.equals("application/cbor")) {
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        }
        if (queryError != null) {
            exchange.getResponseHeaders().add("x-amzn-query-error", queryError);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private void advance() {
        Instant now = clock.instant();
        ecs.advance(now);
        elb.advance(now, ip -> ecs.tasks.values().stream()
                .filter(t -> t.ip.equals(ip) && !"STOPPED".equals(t.lastStatus)).findFirst().orElse(null));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
