package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SIGTERM sequence, driven from the test: drain, stop accepting, finish what is in flight, close. */
class ShutdownTest {
    private static final byte[] BANNER = read();
    private static final Logger LOGGER = (Logger) LoggerFactory.getLogger(BidderServer.class);

    @Test
    void keepsAnsweringWhileDrainingButTellsTheLoadBalancerToGo() {
        try (RunningBidder server = RunningBidder.start(Map.of())) {
            server.bidder().beginDrain();

            assertThat(server.get("/health").statusCode()).isEqualTo(503);
            assertThat(new String(server.get("/health").body(), StandardCharsets.UTF_8)).contains("draining");
            assertThat(server.bid(BANNER, "2.6").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stopsAcceptingAndClosesIdleConnections() throws IOException {
        RunningBidder server = RunningBidder.start(Map.of());
        try (RawHttp idle = new RawHttp(server.port())) {
            idle.write(RawHttp.post("/openrtb2/bid", BANNER));
            assertThat(idle.read().status()).isEqualTo(200);

            server.bidder().stopNow();

            assertThat(idle.closedByServer()).isTrue();
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void finishesARequestThatIsHalfWayInBeforeClosing() throws Exception {
        RunningBidder server = RunningBidder.start(Map.of("SHUTDOWN_TIMEOUT_MS", "60000"));
        try (RawHttp inFlight = new RawHttp(server.port())) {
            byte[] request = RawHttp.post("/openrtb2/bid", BANNER);
            int half = request.length - 20;
            inFlight.write(java.util.Arrays.copyOf(request, half));
            // The server has the first bytes once it answers another request on a second connection after them.
            assertThat(server.get("/health").statusCode()).isEqualTo(200);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.bidder().stopNow());
            awaitRefusal(server.port());
            inFlight.write(java.util.Arrays.copyOfRange(request, half, request.length));

            RawHttp.Response response = inFlight.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(inFlight.closedByServer()).isTrue();
            stopping.get();
        }
    }

    /**
     * Regression: at 3,000 requests a second, SIGTERM left 27 requests that had been sent answered with EOF or a
     * reset. Pipelining and one-at-a-time clients keep sending through the stop; every request written before it
     * gets a whole response, and no connection is left for the shutdown timeout to close.
     */
    @Test
    void answersEveryRequestWrittenBeforeTheStopUnderPipelinedAndConcurrentLoad() throws Exception {
        RunningBidder server = RunningBidder.start(Map.of("SHUTDOWN_TIMEOUT_MS", "60000"));
        ListAppender<ILoggingEvent> logs = listen();
        AtomicBoolean stopping = new AtomicBoolean();
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                clients.add(new LoadClient(server.port(), i % 2 == 0, stopping));
            }
            await("every client is answered").atMost(Duration.ofSeconds(60))
                    .until(() -> clients.stream().allMatch(c -> c.answered() >= 50));

            stopping.set(true);
            server.bidder().stopNow();

            for (LoadClient client : clients) {
                client.join();
                assertThat(client.failure()).as("client %s", client).isNull();
                assertThat(client.answered()).as("responses to client %s", client)
                        .isGreaterThanOrEqualTo(client.writtenBeforeStop());
            }
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .doesNotContain("closing connections that did not finish in time");
        } finally {
            LOGGER.detachAppender(logs);
            server.close();
        }
    }

    @Test
    void waitsOutTheShutdownTimeoutForAConnectionThatDoesNotFinishAndOnlyThenClosesItAndSaysSo() throws Exception {
        RunningBidder server = RunningBidder.start(Map.of("SHUTDOWN_TIMEOUT_MS", "500",
                "REQUEST_READ_TIMEOUT_MS", "600000"));
        ListAppender<ILoggingEvent> logs = listen();
        try (RawHttp halfWay = new RawHttp(server.port())) {
            halfWay.write("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
            assertThat(server.get("/health").statusCode()).isEqualTo(200);

            long start = System.nanoTime();
            server.bidder().stopNow();

            assertThat(System.nanoTime() - start).as("nanoseconds the stop took")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(halfWay.closedByServer()).isTrue();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsOnlyOnce("closing connections that did not finish in time");
        } finally {
            LOGGER.detachAppender(logs);
            server.close();
        }
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        LOGGER.addAppender(logs);
        return logs;
    }

    /**
     * A client that sends bid requests until the bidder closes its connection, pipelining up to 64 at a time or
     * one at a time, and counts those whose write returned before the stop began and the whole responses it got.
     */
    private static final class LoadClient {
        private static final byte[] REQUEST = RawHttp.post("/openrtb2/bid", BANNER);

        private final RawHttp connection;
        private final boolean pipelining;
        private final AtomicBoolean stopping;
        private final Semaphore window = new Semaphore(64);
        private final AtomicInteger writtenBeforeStop = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean closed;
        private volatile String failure;

        LoadClient(int port, boolean pipelining, AtomicBoolean stopping) throws IOException {
            this.connection = new RawHttp(port);
            this.pipelining = pipelining;
            this.stopping = stopping;
            if (pipelining) {
                start(this::write);
                start(this::read);
            } else {
                start(this::oneAtATime);
            }
        }

        private void start(Runnable task) {
            Thread t = new Thread(task, "load-" + (pipelining ? "pipelining" : "one-at-a-time"));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        private void write() {
            try {
                while (!closed) {
                    window.acquire();
                    if (closed) {
                        return;
                    }
                    send();
                }
            } catch (IOException | InterruptedException e) {
                // The bidder closed the connection.
            }
        }

        private void send() throws IOException {
            connection.write(REQUEST);
            if (!stopping.get()) {
                writtenBeforeStop.incrementAndGet();
            }
        }

        private void read() {
            while (!closed) {
                closed = !receive();
                window.release();
            }
        }

        private void oneAtATime() {
            try {
                do {
                    send();
                } while (receive());
            } catch (IOException e) {
                // Writing after the bidder closed the connection.
            }
            closed = true;
        }

        /** Reads one response; false when the connection ends, with it or before it. */
        private boolean receive() {
            RawHttp.Response response;
            try {
                response = connection.read();
            } catch (IOException | RuntimeException ended) {
                return false;
            }
            String length = response.header("content-length");
            if (response.status() != 200 || length == null || response.body().length != Integer.parseInt(length)) {
                failure = "a response that is not a whole 200: " + response.status() + ", " + response.body().length
                        + " of " + length + " bytes";
                return false;
            }
            answered.incrementAndGet();
            return !"close".equals(response.header("connection"));
        }

        int answered() {
            return answered.get();
        }

        int writtenBeforeStop() {
            return writtenBeforeStop.get();
        }

        String failure() {
            return failure;
        }

        void join() throws Exception {
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
            }
            connection.close();
        }

        @Override
        public String toString() {
            return (pipelining ? "pipelining" : "one at a time") + ", " + answered() + " answered of "
                    + writtenBeforeStop() + " written before the stop";
        }
    }

    /** Waits until the port refuses connections: the server has stopped accepting. */
    private static void awaitRefusal(int port) {
        await("the server stops accepting connections").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1)).until(() -> refuses(port));
    }

    private static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static byte[] read() {
        return OpenRtbExamples.request("2.6/simple-banner.json");
    }
}
