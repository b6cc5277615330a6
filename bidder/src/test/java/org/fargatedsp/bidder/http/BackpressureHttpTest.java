package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.junit.jupiter.api.Test;

/**
 * Regression: 72 MB of pipelined {@code GET /health} from a client that never read the answers grew the bidder
 * from 180 MB to 3.1 GB in 25 s, until direct memory ran out. Over real sockets: such a client now gets the
 * connection's bounds, everyone else gets answers, and a client that stays that way loses its connection.
 */
class BackpressureHttpTest {
    private static final long FLOOD_BYTES = 72L << 20;
    private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aClientPipelining72MbOfHealthChecksWithoutReadingStaysWithinItsConnectionsBounds() throws Exception {
        try (RunningBidder server = RunningBidder.start(Map.of("WRITE_STALL_TIMEOUT_MS", "600000"));
                Flood flood = new Flood(server.port())) {
            long directBefore = usedDirectMemory();
            BidderServer netty = server.bidder().server();

            await("the flooded connection stops reading").atMost(Duration.ofSeconds(60))
                    .until(() -> netty.blockedConnections() == 1);

            assertThat(netty.maxQueuedBytesPerConnection()).as("bytes queued for the flooding client")
                    .isPositive().isLessThanOrEqualTo((64 << 10) + (8 << 10));
            assertThat(usedDirectMemory() - directBefore).as("direct memory the flood costs")
                    .isLessThan(32L << 20);
            assertThat(flood.written()).as("the bidder read no more than the kernel's buffers let through")
                    .isLessThan(FLOOD_BYTES);
            assertThat(server.get("/health").statusCode()).as("another client's health check").isEqualTo(200);
            assertThat(netty.blockedConnections()).isEqualTo(1);
        }
    }

    @Test
    void closesAConnectionWhoseClientReadsNothingForTheStallTimeoutAndCountsIt() throws Exception {
        EmbeddedBidder bidder = EmbeddedBidder.withDefaultCampaigns(Map.of("WRITE_STALL_TIMEOUT_MS", "300"));
        BidderServer server = new BidderServer(Transport.choose(Transport.Preference.AUTO), 1,
                new LoadShedder(0, 250));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BidderMetrics(registry).bindConnections(server.stats());
        int port = server.start("127.0.0.1", 0, bidder.endpoints(), bidder.settings());
        try (Flood flood = new Flood(port)) {
            await("the bidder closes the flooding connection").atMost(Duration.ofSeconds(60))
                    .until(flood::closedByServer);

            assertThat(server.stats().stalled()).isEqualTo(1);
            assertThat(registry.get(BidderMetrics.CONNECTIONS_STALLED).functionCounter().count()).isEqualTo(1);
            await("the connection is gone").atMost(Duration.ofSeconds(30)).until(() -> server.stats().open() == 0);
        } finally {
            server.stopAccepting();
            server.close(5_000);
        }
    }

    private static long usedDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    /** A client that writes {@value #FLOOD_BYTES} bytes of pipelined health checks and reads nothing. */
    private static final class Flood implements AutoCloseable {
        private final Socket socket = new Socket();
        private final AtomicLong written = new AtomicLong();
        private final Thread writer;
        private volatile boolean closedByServer;

        Flood(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            byte[] chunk = new byte[HEALTH.length * 2048];
            for (int i = 0; i < 2048; i++) {
                System.arraycopy(HEALTH, 0, chunk, i * HEALTH.length, HEALTH.length);
            }
            writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (written.get() < FLOOD_BYTES) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // The server closed the connection, or the test did.
                    closedByServer = !socket.isClosed();
                }
            }, "flood");
            writer.setDaemon(true);
            writer.start();
        }

        long written() {
            return written.get();
        }

        boolean closedByServer() {
            return closedByServer;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
