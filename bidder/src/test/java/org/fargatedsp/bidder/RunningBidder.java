package org.fargatedsp.bidder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.bidlog.BidLogFiles;

/** A real bidder on an ephemeral loopback port, with a real HTTP client, for tests. */
public final class RunningBidder implements AutoCloseable {
    private final Bidder bidder;
    private final CompletableFuture<Integer> started;
    private final Path bidLogDir;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RunningBidder(Bidder bidder, CompletableFuture<Integer> started, Path bidLogDir) {
        this.bidder = bidder;
        this.started = started;
        this.bidLogDir = bidLogDir;
    }

    /** Starts a bidder with the embedded campaigns and {@code env} over the test defaults. */
    public static RunningBidder start(Map<String, String> env) {
        return start(env, System::currentTimeMillis);
    }

    /**
     * As {@link #start(Map)}, with auctions, notices and the bid log on the wall clock {@code clockMs} (epoch
     * milliseconds).
     */
    public static RunningBidder start(Map<String, String> env, LongSupplier clockMs) {
        return start(env, clockMs, BidLogFiles.system());
    }

    /** As above, with the bid log written through {@code bidLogFiles}, which can make the disk fail. */
    public static RunningBidder start(Map<String, String> env, LongSupplier clockMs, BidLogFiles bidLogFiles) {
        Map<String, String> all = withDefaults(env);
        Bidder bidder = new Bidder(Config.fromEnv(all), clockMs, bidLogFiles);
        try {
            return new RunningBidder(bidder, CompletableFuture.completedFuture(bidder.start()),
                    Path.of(all.get("BID_LOG_DIR")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #start(Map, LongSupplier)}, but returns at once while the bidder starts on a thread of its own:
     * for tests of a start that waits, such as for a campaign table. {@link #port()} is 0 or less until it listens;
     * {@link #started()} completes when it is ready.
     */
    public static RunningBidder starting(Map<String, String> env, LongSupplier clockMs) {
        Map<String, String> all = withDefaults(env);
        Bidder bidder = new Bidder(Config.fromEnv(all), clockMs, BidLogFiles.system());
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread start = new Thread(() -> {
            try {
                started.complete(bidder.start());
            } catch (InterruptedException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "bidder-start");
        start.setDaemon(true);
        start.start();
        return new RunningBidder(bidder, started, Path.of(all.get("BID_LOG_DIR")));
    }

    private static Map<String, String> withDefaults(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("BIND_ADDRESS", "127.0.0.1");
        all.put("DRAIN_MS", "0");
        all.put("IO_THREADS", "2");
        all.put("CAMPAIGNS_REFRESH_MS", "0");
        // A busy test machine must not turn answers into shed or late no-bids: tests that want those set them.
        all.put("SHED_LAG_MS", "0");
        all.put("DEFAULT_TMAX_MS", "60000");
        all.put("WARMUP_REQUESTS", "0");
        // Every test sends from one address, as fast as it can: tests of the CPU budget per source turn it on.
        all.put("SOURCE_CPU_PERCENT", "0");
        all.putAll(env);
        if (!all.containsKey("BID_LOG_DIR")) {
            try {
                all.put("BID_LOG_DIR", Files.createTempDirectory("bidlog").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    public Bidder bidder() {
        return bidder;
    }

    /** Where the bid log writes; removed on {@link #close()}. */
    public Path bidLogDir() {
        return bidLogDir;
    }

    public int port() {
        return bidder.port();
    }

    /** Completes with the port once the bidder is ready. */
    public CompletableFuture<Integer> started() {
        return started;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** POSTs {@code body} to the bid endpoint with the given OpenRTB version header. */
    public HttpResponse<byte[]> bid(byte[] body, String version) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/openrtb2/bid"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (version != null) {
            request.header("x-openrtb-version", version);
        }
        return send(request.build());
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the bidder (draining its bid log) and removes the bid-log directory. */
    @Override
    public void close() {
        bidder.stopNow();
        try (var paths = Files.walk(bidLogDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + bidLogDir, e);
        }
    }
}
