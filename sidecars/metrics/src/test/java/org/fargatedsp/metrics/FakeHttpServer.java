package org.fargatedsp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on 127.0.0.1 and a free port that plays the Datadog intake ({@code POST /api/v1/series},
 * keeping every body) or the ECS task metadata endpoint ({@code GET <prefix>/task}), with faults to switch on.
 */
public final class FakeHttpServer implements AutoCloseable {
    /** One request the server received. */
    public record Received(String method, String path, String query, String body) {}

    /** The task metadata v4 of a Fargate task, as ECS serves it (tags below). */
    public static final String ECS_TASK = resource("/metrics/ecs-task-metadata-v4-fargate.json");
    /** The task ARN in {@link #ECS_TASK}. */
    public static final String ECS_TASK_ARN =
            "arn:aws:ecs:us-west-2:111122223333:task/dsp-prod/9781c248a0edd4cdb9a93f63cb662a5d3";
    /** The tags every meter of a program that read {@link #ECS_TASK} carries, besides service, version and env. */
    public static final java.util.Map<String, String> ECS_TASK_TAGS = java.util.Map.of("cluster", "dsp-prod",
            "task_arn", ECS_TASK_ARN, "task_family", "dsp-bidder", "task_revision", "42",
            "availability_zone", "us-west-2b", "launch_type", "FARGATE");

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String responseBody = "{}";
    private volatile boolean hangs;

    public FakeHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that answers {@code GET <prefix>/task} with {@link #ECS_TASK} (a Fargate task's metadata). */
    public static FakeHttpServer ecsTaskMetadata() throws IOException {
        FakeHttpServer server = new FakeHttpServer();
        server.respond(200, ECS_TASK);
        return server;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void respond(int newStatus, String body) {
        status = newStatus;
        responseBody = body;
    }

    /** Accept requests and never answer them, until the server closes. */
    public void hang() {
        hangs = true;
    }

    public BlockingQueue<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), body));
            if (hangs) {
                hang.await();
                return;
            }
            byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String resource(String path) {
        try (InputStream in = FakeHttpServer.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
