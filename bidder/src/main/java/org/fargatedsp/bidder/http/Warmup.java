package org.fargatedsp.bidder.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bid requests to the bidder's own private loopback listener before the server says it is ready, so that
 * the JIT has compiled the bid path by the time the load balancer sends traffic. A cold JVM answers its first
 * thousands of requests tens of times slower, and a task put behind an ALB cold starts its life with timeouts.
 *
 * <p>The requests travel over real loopback sockets into the same transport, event loops, allocator and pipeline
 * as real traffic (see {@link BidderServer#startPrivate}): a warm-up on any other channel teaches the JIT other
 * classes, and real traffic then throws the compiled code away and recompiles it while serving. The listener's
 * endpoints count nothing: no bid log, no metrics, no budgets touched.
 *
 * <p>After the configured number of requests it keeps going until the JIT has gone quiet (no compilation finished
 * for {@value #QUIET_MS} ms) or the time limit passes, whichever is first.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    static final long QUIET_MS = 500;
    private static final int BATCH = 16;
    private static final int DISTINCT_REQUESTS = 700;

    /** What a warm-up did. */
    public record Result(int requests, int bids, int noBids, int unexpected, long ms, boolean jitQuiet,
            String failure) {}

    private Warmup() {}

    /**
     * Sends bid requests to {@code target} over {@code connections} keep-alive connections, {@value #BATCH}
     * pipelined at a time, until {@code requests} have been answered and, with {@code untilJitQuiet}, the JIT is
     * quiet, or until {@code maxMs} has passed. Never throws: a warm-up that fails is logged and the bidder starts
     * cold.
     */
    public static Result run(InetSocketAddress target, int requests, long maxMs, int connections,
            boolean untilJitQuiet) {
        if (requests <= 0) {
            return new Result(0, 0, 0, 0, 0, false, null);
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMs);
        List<byte[]> bodies = WarmupRequests.http(DISTINCT_REQUESTS);
        Counts counts = new Counts(requests);
        long compileMsBefore = compileMs();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < Math.max(1, connections); c++) {
            int offset = c;
            Thread t = new Thread(() -> counts.fail(send(target, bodies, offset, counts, deadline)),
                    "warmup-client-" + c);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        boolean quiet = awaitQuiet(counts, deadline, untilJitQuiet);
        counts.stop = true;
        for (Thread t : clients) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Result result = new Result(counts.answered.get(), counts.bids.get(), counts.noBids.get(),
                counts.unexpected.get(), ms, quiet, counts.failure);
        if (result.failure() != null || result.unexpected() > 0) {
            LOG.warn("warm-up incomplete: the bidder starts partly cold", kv("requests", result.requests()),
                    kv("unexpected_statuses", result.unexpected()), kv("failure", result.failure()),
                    kv("ms", ms));
        } else {
            LOG.info("warm-up done", kv("requests", result.requests()), kv("bids", result.bids()),
                    kv("no_bids", result.noBids()), kv("ms", ms), kv("jit_quiet", quiet),
                    kv("jit_ms", compileMs() - compileMsBefore));
        }
        return result;
    }

    /**
     * Waits for the requests to be answered, then for a quiet JIT: total compilation time unchanged for
     * {@link #QUIET_MS}. Returns whether the JIT went quiet before the deadline.
     */
    private static boolean awaitQuiet(Counts counts, long deadline, boolean untilJitQuiet) {
        long lastCompileMs = compileMs();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && counts.failure == null) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long compile = compileMs();
            if (compile != lastCompileMs) {
                lastCompileMs = compile;
                lastChange = System.nanoTime();
            }
            boolean enough = counts.answered.get() >= counts.target;
            if (enough && !untilJitQuiet) {
                return false;
            }
            if (enough && (compile < 0 || System.nanoTime() - lastChange >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS))) {
                return compile >= 0;
            }
        }
        return false;
    }

    /** Total JIT time so far in ms, or -1 where the JVM does not report it. */
    private static long compileMs() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** One connection's loop; returns why it failed, or null. */
    private static String send(InetSocketAddress target, List<byte[]> bodies, int offset, Counts counts,
            long deadline) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            socket.connect(target, 2_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            ResponseReader reader = new ResponseReader(in);
            int next = offset * 97;
            byte[] batch = new byte[64 * 1024];
            while (!counts.stop && System.nanoTime() < deadline) {
                int length = 0;
                int n = 0;
                while (n < BATCH) {
                    byte[] request = bodies.get(next % bodies.size());
                    if (length + request.length > batch.length) {
                        break;
                    }
                    System.arraycopy(request, 0, batch, length, request.length);
                    length += request.length;
                    next++;
                    n++;
                }
                out.write(batch, 0, length);
                out.flush();
                for (int i = 0; i < n; i++) {
                    counts.status(reader.next());
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static final class Counts {
        final int target;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger bids = new AtomicInteger();
        final AtomicInteger noBids = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        volatile boolean stop;
        volatile String failure;

        Counts(int target) {
            this.target = target;
        }

        void status(int status) {
            answered.incrementAndGet();
            if (status == 200) {
                bids.incrementAndGet();
            } else if (status == 204) {
                noBids.incrementAndGet();
            } else {
                unexpected.incrementAndGet();
            }
        }

        void fail(String why) {
            if (why != null && !stop && failure == null) {
                failure = why;
            }
        }
    }

    /**
     * Reads HTTP/1.1 responses off a keep-alive connection: the status line, the headers, and a body of
     * {@code Content-Length} bytes (none on a 204). The bidder always sends a length.
     */
    static final class ResponseReader {
        private final InputStream in;
        private final StringBuilder line = new StringBuilder(128);

        ResponseReader(InputStream in) {
            this.in = in;
        }

        /** The next response's status code, its body skipped. */
        int next() throws IOException {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = status == 204 ? 0 : -1;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                }
            }
            if (length < 0) {
                throw new IOException("response " + status + " without a Content-Length");
            }
            in.skipNBytes(length);
            return status;
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
