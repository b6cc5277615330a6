package org.fargatedsp.awstesting;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * One moto server ({@code python3 -m moto.server}, an open-source emulation of the AWS APIs) on a loopback port, so
 * that AWS code is tested through the real SDK client over real HTTP. {@link #shared()} is started once per JVM and
 * reused by every test class (stopped when the JVM exits); {@link #start()} gives a test a server of its own. A
 * server can be {@link #stop() stopped} and {@link #restart() restarted} on the same port, for outage tests; moto
 * keeps its state in memory, so a restarted server is empty.
 *
 * <p>The port is moto's own pick ({@code -p 0}), read from the line it logs once bound: no race with other
 * processes. Moto runs under a small launcher that exits when its standard input closes, so that a test JVM that
 * dies, however it dies, leaves no server behind. Without Python or moto, starting fails with a message that says
 * how to install it: {@value #INSTALL_HINT}.
 *
 * <p>Moto's own server answers each request on a thread of its own, and its DynamoDB checks a write's condition and
 * then applies the write in two steps, with no lock between them (moto 5.2, {@code moto/dynamodb/models},
 * {@code update_item}). So two conditional writes to one item that arrive together can both pass a condition only
 * one of them should (two leases out of the room for one), and two first writes to an absent item can each create
 * it, the second erasing the first. DynamoDB applies each conditional write atomically (DynamoDB developer guide,
 * "Condition expressions"). {@link Serving#ONE_AT_A_TIME}, the mode of {@link #shared()} and {@link #start()},
 * has moto's server answer one request after the other, so that every write is atomic as DynamoDB's are;
 * {@link Serving#CONCURRENTLY} is moto as it ships. {@code MotoServerTest} shows both.
 */
public final class MotoServer implements AutoCloseable {
    /** The region of every client and environment this class hands out. */
    public static final String REGION = "us-east-1";
    /** Moto accepts any credentials; these are the ones its documentation uses. */
    public static final String ACCESS_KEY_ID = "testing";
    public static final String SECRET_ACCESS_KEY = "testing";
    /** How a machine without moto gets it. */
    public static final String INSTALL_HINT = "pip install 'moto[server]'";
    /** The Python that runs moto, when not {@code python3} on the PATH. */
    public static final String PYTHON_VARIABLE = "MOTO_PYTHON";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Runs moto's own {@code main} (what {@code -m moto.server} runs) after a thread that exits on stdin's EOF. */
    private static final String LAUNCHER = "import os, sys, threading\n"
            + "threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()\n"
            + "import moto.server\n"
            + "%s"
            + "moto.server.main(sys.argv[1:])\n";
    /**
     * Has moto's {@code main} start werkzeug's {@code run_simple} with {@code threaded=False}: one request at a time
     * (werkzeug then answers in HTTP/1.0 and closes each connection, which the SDK's clients handle). A connection
     * that sends nothing would hold such a server for every other client, so one silent for
     * {@value #SILENT_CONNECTION_SECONDS} s is closed (the socket timeout of Python's {@code StreamRequestHandler}).
     */
    private static final String ONE_AT_A_TIME = "from werkzeug.serving import WSGIRequestHandler\n"
            + "WSGIRequestHandler.timeout = " + MotoServer.SILENT_CONNECTION_SECONDS + "\n"
            + "serve = moto.server.run_simple\n"
            + "moto.server.run_simple = lambda *a, **k: serve(*a, **dict(k, threaded=False))\n";
    private static final int SILENT_CONNECTION_SECONDS = 5;

    private static MotoServer shared;

    /** How moto's server answers requests that arrive together. */
    public enum Serving {
        /** One after the other: every write is atomic, as DynamoDB's are. */
        ONE_AT_A_TIME,
        /** Each on a thread of its own, as moto's server ships: conditional writes to one item can race. */
        CONCURRENTLY
    }

    private final String python;
    private final Duration startTimeout;
    private final Serving serving;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private MotoProcess process;
    private int port;
    private DynamoDbClient dynamoDb;

    /** A server not started yet, run by {@code python}, that waits {@code startTimeout} at most to answer. */
    MotoServer(String python, Duration startTimeout, Serving serving) {
        this.python = python;
        this.startTimeout = startTimeout;
        this.serving = serving;
    }

    MotoServer(String python, Duration startTimeout) {
        this(python, startTimeout, Serving.ONE_AT_A_TIME);
    }

    /**
     * The server every test class in this JVM shares, serving {@link Serving#ONE_AT_A_TIME}, started on first use and
     * stopped when the JVM exits.
     */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            MotoServer server = new MotoServer(defaultPython(), START_TIMEOUT);
            server.ensureRunning();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-server-stop"));
            shared = server;
        }
        return shared;
    }

    /** A server of the caller's own, serving {@link Serving#ONE_AT_A_TIME}, started now; {@link #close()} stops it. */
    public static MotoServer start() {
        return start(Serving.ONE_AT_A_TIME);
    }

    /** A server of the caller's own that serves as {@code serving} says, started now; {@link #close()} stops it. */
    public static MotoServer start(Serving serving) {
        MotoServer server = new MotoServer(defaultPython(), START_TIMEOUT, serving);
        server.ensureRunning();
        return server;
    }

    /** Starts the server, on its port of before if it had one, unless it is running. */
    public synchronized void ensureRunning() {
        if (process == null || !process.alive()) {
            launch();
        }
    }

    /** Whether the server process is running. */
    public synchronized boolean running() {
        return process != null && process.alive();
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint of every AWS service moto emulates. */
    public synchronized URI endpoint() {
        if (port == 0) {
            throw new IllegalStateException("moto's server has not been started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    public synchronized int port() {
        return port;
    }

    /** Forgets every resource of every service ({@code POST /moto-api/reset}). */
    public void reset() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto's reset answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /**
     * Stops the server process, as an outage: connections to the port are refused until {@link #restart()}.
     * Does nothing when it is not running.
     */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Stops the server if it runs and starts it again, empty, on the same port. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /**
     * A DynamoDB client for this server (region {@value #REGION}, static fake credentials), built once and closed
     * with the server; it reaches the server across restarts, which keep the port.
     */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = dynamoDbBuilder().build();
        }
        return dynamoDb;
    }

    /**
     * A builder set up as {@link #dynamoDb()}'s, to add interceptors or overrides to; the caller closes its client.
     * It retries as the SDK's standard mode does (three attempts), not DynamoDB's legacy nine, so that a call to a
     * stopped server fails within a second.
     */
    public DynamoDbClientBuilder dynamoDbBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** The fake credentials moto accepts. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * The standard AWS environment variables that point a program at this server: {@code AWS_REGION},
     * {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}; for programs whose
     * configuration is read from a map.
     */
    public Map<String, String> awsEnvironment() {
        return Map.of("AWS_REGION", REGION, "AWS_ENDPOINT_URL", endpoint().toString(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    /** Stops the server and closes its client. */
    @Override
    public synchronized void close() {
        if (dynamoDb != null) {
            dynamoDb.close();
            dynamoDb = null;
        }
        stop();
    }

    static String defaultPython() {
        String configured = System.getenv(PYTHON_VARIABLE);
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    /**
     * Starts moto on {@link #port} (0 the first time: moto picks) and waits until it answers HTTP. A restart may
     * find the port still held for a moment; it tries again until the start timeout.
     */
    private void launch() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        PortTaken taken = null;
        while (true) {
            if (taken != null && System.nanoTime() > deadline) {
                throw cannotListen(taken);
            }
            MotoProcess started = MotoProcess.start(python,
                    LAUNCHER.formatted(serving == Serving.ONE_AT_A_TIME ? ONE_AT_A_TIME : ""), port);
            try {
                awaitReady(started, deadline);
                process = started;
                port = started.port();
                return;
            } catch (PortTaken e) {
                started.stop();
                taken = e;
            } catch (RuntimeException e) {
                started.stop();
                throw taken == null ? e : cannotListen(taken);
            }
        }
    }

    private IllegalStateException cannotListen(PortTaken taken) {
        return new IllegalStateException("moto's server cannot listen on port " + port + " again: another process"
                + " took it while the server was stopped", taken);
    }

    private void awaitReady(MotoProcess started, long deadlineNanos) {
        try {
            await().atMost(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())))
                    .pollInterval(Duration.ofMillis(25))
                    .until(() -> answers(started));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("moto's server did not answer within " + startTimeout.toMillis()
                    + " ms; its output:\n" + started.output(), e);
        }
    }

    /** Whether moto answers on its port; throws when the process ended instead. */
    private boolean answers(MotoProcess started) {
        if (!started.alive()) {
            throw started.failure();
        }
        int bound = started.port();
        if (bound == 0) {
            return false;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bound + "/moto-api/config")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            // Not listening yet, or not answering HTTP yet.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto's server", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("moto's server at " + endpoint() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A restart found its port still bound by some other socket. */
    static final class PortTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTaken(String output) {
            super(output);
        }
    }

    /** Closes stdin (the launcher then exits), and kills the process if it outlives {@link #STOP_TIMEOUT}. */
    static void stopProcess(Process process) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException e) {
            // Already closed: the process is ending anyway.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
