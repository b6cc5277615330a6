package org.fargatedsp.bidder.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.fargatedsp.bidder.Workload;

/**
 * What connections cost the bidder's process in memory: heap (used after a full GC) and Netty's direct memory
 * (its allocator's {@code usedDirectMemory}, which counts the chunks it holds), first for {@code N} idle
 * connections, then for {@code K} pipelined requests on each of them whose client reads nothing. Not a JMH
 * benchmark: it measures a state, not a rate.
 *
 * <p>The clients run in a child JVM, so that their sockets and buffers are not counted. The server is the real
 * {@link BidderServer} with the pipeline {@link BidderChannelInitializer} builds, on the embedded campaigns and the
 * default connection settings (at most {@code MAX_PIPELINED_REQUESTS} = 32 requests answered and not yet taken,
 * 64 KiB high water mark), so that with {@code K} above the bound the figure per request is what the bound leaves:
 * the rest wait undecoded in the kernel's socket buffers. Run it, after compiling the benchmarks as
 * {@code bidder/jmh.sh} does, with:
 *
 * <pre>{@code
 * ./mvnw -B -q -pl bidder -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
 * java -Xmx1g -cp bidder/target/test-classes:bidder/target/classes:$(cat bidder/target/jmh.classpath) \
 *     org.fargatedsp.bidder.http.ConnectionMemory 2000 32
 * }</pre>
 * Arguments: connections (2000), typical banner requests pipelined on each (32), and the clients' socket receive
 * buffer in bytes (0, the kernel's default). The kernel's socket buffers take the first responses: with a small
 * receive buffer (such as 4096) and enough requests (such as 2000) they fill, every connection blocks at its bound,
 * and what the process holds for it shows.
 */
public final class ConnectionMemory {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ConnectionMemory() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            return;
        }
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pipelined = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int receiveBuffer = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        EmbeddedBidder bidder = EmbeddedBidder.withDefaultCampaigns(Map.of("DEFAULT_TMAX_MS", "60000",
                "IDLE_TIMEOUT_MS", "600000", "REQUEST_READ_TIMEOUT_MS", "600000", "WRITE_STALL_TIMEOUT_MS", "600000"));
        BidderServer server = new BidderServer(Transport.choose(Transport.Preference.AUTO), 2, new LoadShedder(0, 250));
        int port = server.start("127.0.0.1", 0, bidder.endpoints(), bidder.settings());
        try {
            Sample before = Sample.take();
            Process idle = spawn(port, connections, 0, receiveBuffer);
            awaitState(() -> server.stats().open() == connections);
            Sample idleSample = Sample.take();
            stop(idle);
            awaitState(() -> server.stats().open() == 0);

            Sample beforePipelined = Sample.take();
            long answeredBefore = answered(bidder);
            Process busy = spawn(port, connections, pipelined, receiveBuffer);
            // Every request answered, or every connection waiting for its client once the kernel's buffers are full.
            awaitState(() -> server.stats().open() == connections
                    && (answered(bidder) - answeredBefore >= (long) connections * pipelined
                            || server.blockedConnections() == connections));
            Sample busySample = Sample.take();
            long answered = answered(bidder) - answeredBefore;
            long queued = server.maxQueuedBytesPerConnection();
            int blocked = server.blockedConnections();
            stop(busy);

            PrintStream out = System.out;
            out.printf(Locale.ROOT, "transport %s, %d connections%n",
                    Transport.choose(Transport.Preference.AUTO).name(), connections);
            out.printf(Locale.ROOT, "idle, per connection:      %7.2f KiB heap, %7.2f KiB direct%n",
                    idleSample.heapPer(before, connections), idleSample.directPer(before, connections));
            out.printf(Locale.ROOT, "%d bid requests sent on each, none read: %d answered, %d connections blocked,"
                    + " %d bytes queued on one at most%n", pipelined, answered, blocked, queued);
            out.printf(Locale.ROOT, "  per connection:          %7.2f KiB heap, %7.2f KiB direct%n",
                    busySample.heapPer(beforePipelined, connections),
                    busySample.directPer(beforePipelined, connections));
            out.printf(Locale.ROOT, "  per answered request:    %7.3f KiB heap, %7.3f KiB direct (over idle)%n",
                    (busySample.heap - beforePipelined.heap - (idleSample.heap - before.heap)) / 1024.0 / answered,
                    (busySample.direct - beforePipelined.direct - (idleSample.direct - before.direct)) / 1024.0
                            / answered);
        } finally {
            server.stopAccepting();
            server.close(5_000);
        }
    }

    private static long answered(EmbeddedBidder bidder) {
        RequestStats stats = bidder.stats();
        long answered = stats.bids();
        for (long noBids : stats.noBidsByReason().values()) {
            answered += noBids;
        }
        return answered;
    }

    private static void awaitState(BooleanSupplier reached) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the connections did not reach the state measured");
            }
            // A measurement program polling a state that has no event to wait on.
            Thread.sleep(20);
        }
    }

    /** Heap used after a full collection, and Netty's direct memory. */
    private record Sample(long heap, long direct) {
        static Sample take() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long direct = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
            return new Sample(MEMORY.getHeapMemoryUsage().getUsed(), direct);
        }

        double heapPer(Sample before, long n) {
            return (heap - before.heap) / 1024.0 / n;
        }

        double directPer(Sample before, long n) {
            return (direct - before.direct) / 1024.0 / n;
        }
    }

    private static Process spawn(int port, int connections, int pipelined, int receiveBuffer) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConnectionMemory.class.getName(), "client", Integer.toString(port), Integer.toString(connections),
                Integer.toString(pipelined), Integer.toString(receiveBuffer))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII));
        String line = lines.readLine();
        if (!"ready".equals(line)) {
            throw new IllegalStateException("the client did not start: " + line);
        }
        return child;
    }

    private static void stop(Process child) throws IOException, InterruptedException {
        child.getOutputStream().close();
        child.waitFor(1, TimeUnit.MINUTES);
    }

    /**
     * The child: opens the connections, writes the pipelined requests as far as each socket takes them without
     * blocking, reads nothing, and holds the connections until its stdin closes.
     */
    private static void client(int port, int connections, int pipelined, int receiveBuffer) throws IOException {
        byte[] one = RawRequest.post(Workload.typicalBanner());
        ByteBuffer all = ByteBuffer.allocate(one.length * pipelined);
        for (int r = 0; r < pipelined; r++) {
            all.put(one);
        }
        List<SocketChannel> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open();
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            ByteBuffer requests = all.duplicate().flip();
            while (requests.hasRemaining() && channel.write(requests) > 0) {
                // As much as the kernel takes now.
            }
            open.add(channel);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Holds the connections until the parent closes stdin.
        }
        for (SocketChannel channel : open) {
            channel.close();
        }
    }

    /** A bid request as the bytes on the wire. */
    private static final class RawRequest {
        static byte[] post(byte[] body) {
            byte[] head = ("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "x-openrtb-version: 2.6\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }
}
