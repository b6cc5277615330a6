package org.fargatedsp.loadtest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The local run behind {@code ./run-local.sh}: the bidder and the log shipper as two processes on this machine,
 * sharing a bid-log directory under {@code root}, the shipper writing with {@code SINK=dir} into
 * {@code root/s3}, laid out exactly like the S3 prefix. It sends the IAB example requests and a win and a billing
 * notice for each bid, stops the bidder (which publishes its last file) and then the shipper (which ships it),
 * and counts the records in the objects. Everything listens on 127.0.0.1 only, every wait is bounded by one
 * deadline, and both processes are stopped on every way out, Ctrl-C included.
 */
public final class LocalRun {
    /** The IAB examples sent, each {@link #ROUNDS} times. */
    static final List<String> EXAMPLES = List.of("2.6/simple-banner.json", "2.6/expandable-creative.json",
            "2.6/mobile.json", "2.6/pmp-with-direct-deal.json", "2.6/video.json");
    static final int ROUNDS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the run did: what it sent, and what the shipper wrote. */
    public record Result(Path objectsDir, int requests, int bids, int notices, int objects, long records) {}

    private final Path root;
    private final Path bidderJar;
    private final Path shipperJar;
    private final long deadlineNanos;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LocalRun(Path root, Path bidderJar, Path shipperJar, Duration timeout) {
        this.root = root.toAbsolutePath();
        this.bidderJar = bidderJar;
        this.shipperJar = shipperJar;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Usage: {@code LocalRun [root [bidder.jar [log-shipper.jar]]]}; {@code LOCAL_RUN_TIMEOUT_S} bounds it (120). */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "local");
        Path bidder = Path.of(args.length > 1 ? args[1] : "bidder/target/bidder.jar");
        Path shipper = Path.of(args.length > 2 ? args[2] : "sidecars/log-shipper/target/log-shipper.jar");
        String timeout = System.getenv().getOrDefault("LOCAL_RUN_TIMEOUT_S", "120");
        LocalRun run = new LocalRun(root, bidder, shipper, Duration.ofSeconds(Long.parseLong(timeout)));
        Thread stopOnCtrlC = new Thread(run::stopAll, "local-run-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        Result result = run.run();
        System.out.println(howToQuery(result));
        System.exit(result.records() == result.requests() + result.notices() ? 0 : 1);
    }

    /** Runs the whole sequence; the processes are stopped when it returns or throws. */
    public Result run() throws IOException, InterruptedException {
        try {
            return runOnce();
        } finally {
            stopAll();
        }
    }

    private Result runOnce() throws IOException, InterruptedException {
        // What an earlier run left, and nothing else of root.
        for (String old : List.of("bids", "s3", "state", "bidder.log", "shipper.log")) {
            deleteRecursively(root.resolve(old));
        }
        Path bids = Files.createDirectories(root.resolve("bids"));
        Path objects = root.resolve("s3");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Process bidder = start("bidder", bidderJar, Map.of("PORT", Integer.toString(port),
                "BIND_ADDRESS", "127.0.0.1", "BID_LOG_DIR", bids.toString(), "BID_LOG_MAX_FILE_AGE_MS", "1000",
                "NOTICE_BASE_URL", base, "DRAIN_MS", "0", "WARMUP_REQUESTS", "0"));
        Process shipper = start("shipper", shipperJar, Map.of("BID_LOG_DIR", bids.toString(),
                "SHIPPER_STATE_DIR", root.resolve("state").toString(), "SINK", "dir",
                "SHIPPER_OUTPUT_DIR", objects.toString(), "SHIPPER_POLL_INTERVAL_MS", "100",
                "S3_OBJECT_MAX_AGE_MS", "1000", "SHIPPER_STOP_TIMEOUT_MS", "10000"));
        awaitHealthy(base, bidder);
        int requests = 0;
        int bidCount = 0;
        int notices = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String example : EXAMPLES) {
                HttpResponse<String> answer = post(base + "/openrtb2/bid", example(example));
                requests++;
                if (answer.statusCode() != 200) {
                    continue;
                }
                for (JsonNode seat : JSON.readTree(answer.body()).path("seatbid")) {
                    for (JsonNode bid : seat.path("bid")) {
                        bidCount++;
                        String price = bid.path("price").asText();
                        for (String url : List.of("nurl", "burl")) {
                            if (bid.hasNonNull(url)) {
                                get(bid.get(url).asText().replace("${AUCTION_PRICE}", price));
                                notices++;
                            }
                        }
                    }
                }
            }
        }
        log("sent " + requests + " bid requests (" + bidCount + " bids) and " + notices + " notices; stopping");
        stop("bidder", bidder);
        stop("shipper", shipper);
        List<Path> gz = gzipObjects(objects);
        long records = 0;
        for (Path object : gz) {
            records += lines(object);
        }
        return new Result(objects, requests, bidCount, notices, gz.size(), records);
    }

    /** The lines printed at the end: what was shipped, and how to query it with docs/bid-log.md's SQL. */
    static String howToQuery(Result r) {
        return "\nshipped " + r.records() + " records (" + r.requests() + " bid requests, " + r.notices()
                + " notices) in " + r.objects() + " objects under " + r.objectsDir() + "\n"
                + "query them with the SQL of docs/bid-log.md, \"Querying a local directory\" (README: \"Querying the"
                + " bid log locally\"):\n"
                + "  cd " + r.objectsDir() + " && duckdb   # paste the views, then the queries\n"
                + "or from Java, with org.duckdb:duckdb_jdbc: SET file_search_path = '" + r.objectsDir() + "'\n";
    }

    private Process start(String name, Path jar, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run ./run-local.sh, which builds it");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve(name + ".log").toFile());
        // Only what the run sets, and what a JVM needs: no AWS or Datadog settings of the caller's shell leak in.
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DD_")
                || k.startsWith("ECS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        log("started the " + name + " (pid " + process.pid() + ", log " + root.resolve(name + ".log") + ")");
        return process;
    }

    private void awaitHealthy(String base, Process bidder) throws InterruptedException {
        while (true) {
            if (!bidder.isAlive()) {
                throw new IllegalStateException("the bidder exited with " + bidder.exitValue() + ": see "
                        + root.resolve("bidder.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            remaining("the bidder to be ready");
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private HttpResponse<String> post(String url, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("x-openrtb-version", "2.6")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void get(String url) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("notice " + url + " answered " + r.statusCode());
        }
    }

    /** SIGTERM, then a wait bounded by the deadline; a process still running then is killed. */
    private void stop(String name, Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(remaining(name + " to stop"), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the " + name + " did not stop in time: see " + root.resolve(name + ".log"));
        }
        if (process.exitValue() != 0 && process.exitValue() != 143) {
            throw new IllegalStateException("the " + name + " exited with " + process.exitValue() + ": see "
                    + root.resolve(name + ".log"));
        }
        log("the " + name + " stopped");
    }

    /** Every process still running, stopped: SIGTERM, then SIGKILL after five seconds. Idempotent. */
    void stopAll() {
        List<Process> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private long remaining(String what) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
        return left;
    }

    private static byte[] example(String name) {
        try (InputStream in = LocalRun.class.getResourceAsStream("/openrtb/examples/requests/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no example " + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<Path> gzipObjects(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        }
    }

    private static long lines(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            long n = 0;
            for (byte b : in.readAllBytes()) {
                n += b == '\n' ? 1 : 0;
            }
            return n;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void log(String line) {
        System.err.println("run-local: " + line);
    }
}
