package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.junit.jupiter.api.Test;

/** The SIGTERM sequence, driven from the test: drain, stop accepting, finish what is in flight, close. */
class ShutdownTest {
    private static final byte[] BANNER = read();

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
