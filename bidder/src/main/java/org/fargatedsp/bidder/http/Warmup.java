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
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to the bidder's own private loopback listener before the server says it is ready, so that the
 * JIT has compiled the bid path by the time the load balancer sends traffic. A cold JVM answers its first
 * thousands of requests tens of times slower, and a task put behind an ALB cold starts its life with timeouts.
 * Besides bid requests it sends, one in {@value WarmupRequests#OTHER_EVERY}, every other path real traffic takes
 * ({@link WarmupPaths}): the first malformed body after start once took 8 to 34 ms, its error path never run.
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
    private static final int CLOSING_ROUNDS = 50;

    /**
     * What a warm-up did: requests answered, of which bids and no-bids from the bid endpoint, others answered as
     * expected (refusals, notices, health), and unexpected answers.
     */
    public record Result(int requests, int bids, int noBids, int others, int unexpected, long ms, boolean jitQuiet,
            String failure) {}

    private Warmup() {}

    /**
     * Sends bid requests to {@code target} over {@code connections} keep-alive connections, {@value #BATCH}
     * pipelined at a time, until {@code requests} have been answered and, with {@code untilJitQuiet}, the JIT is
     * quiet, or until {@code maxMs} has passed. Never throws: a warm-up that fails is logged and the bidder starts
     * cold. Its notices carry tokens signed by {@code signer}, the bidder's, so that most are accepted.
     */
    public static Result run(InetSocketAddress target, int requests, long maxMs, int connections,
            boolean untilJitQuiet, NoticeSigner signer) {
        if (requests <= 0) {
            return new Result(0, 0, 0, 0, 0, 0, false, null);
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMs);
        List<WarmupRequest> bodies = WarmupRequests.http(DISTINCT_REQUESTS, System.currentTimeMillis(), signer);
        Counts counts = new Counts(requests);
        long compileMsBefore = compileMs();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < Math.max(1, connections); c++) {
            int offset = c;
            clients.add(daemon(() -> counts.fail(send(target, bodies, offset, counts, deadline)),
                    "warmup-client-" + c));
        }
        clients.add(daemon(() -> counts.fail(sendClosing(target, counts, deadline)), "warmup-client-closing"));
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
                counts.others.get(), counts.unexpected.get(), ms, quiet, counts.failure);
        if (result.failure() != null || result.unexpected() > 0) {
            LOG.warn("warm-up incomplete: the bidder starts partly cold", kv("requests", result.requests()),
                    kv("unexpected_statuses", result.unexpected()), kv("failure", result.failure()),
                    kv("ms", ms));
        } else {
            LOG.info("warm-up done", kv("requests", result.requests()), kv("bids", result.bids()),
                    kv("no_bids", result.noBids()), kv("others", result.others()), kv("ms", ms),
                    kv("jit_quiet", quiet),
                    kv("jit_ms", compileMs() - compileMsBefore));
        }
        return result;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
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
    private static String send(InetSocketAddress target, List<WarmupRequest> bodies, int offset, Counts counts,
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
            WarmupRequest[] sent = new WarmupRequest[BATCH];
            while (!counts.stop && System.nanoTime() < deadline) {
                int length = 0;
                int n = 0;
                while (n < BATCH) {
                    WarmupRequest request = bodies.get(next % bodies.size());
                    byte[] bytes = request.bytes();
                    if (length + bytes.length > batch.length) {
                        break;
                    }
                    System.arraycopy(bytes, 0, batch, length, bytes.length);
                    length += bytes.length;
                    sent[n++] = request;
                    next++;
                }
                out.write(batch, 0, length);
                out.flush();
                for (int i = 0; i < n; i++) {
                    counts.answer(sent[i], reader.next(sent[i].head()));
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * Sends the requests that end their connection, each on a connection of its own, a few times over: enough for
     * their paths to leave the interpreter, not so many that they crowd out the bid path. Returns why it failed,
     * or null.
     */
    private static String sendClosing(InetSocketAddress target, Counts counts, long deadline) {
        List<WarmupRequest> closing = WarmupPaths.closing();
        for (int round = 0; round < CLOSING_ROUNDS && !counts.stop && System.nanoTime() < deadline; round++) {
            for (WarmupRequest request : closing) {
                try (Socket socket = new Socket()) {
                    socket.setSoTimeout(5_000);
                    socket.connect(target, 2_000);
                    socket.getOutputStream().write(request.bytes());
                    socket.getOutputStream().flush();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    counts.answer(request, new ResponseReader(in).next(false));
                } catch (IOException | RuntimeException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
        }
        return null;
    }

    private static final class Counts {
        final int target;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger bids = new AtomicInteger();
        final AtomicInteger noBids = new AtomicInteger();
        final AtomicInteger others = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        volatile boolean stop;
        volatile String failure;

        Counts(int target) {
            this.target = target;
        }

        void answer(WarmupRequest request, int status) {
            answered.incrementAndGet();
            if (!request.answeredBy(status)) {
                unexpected.incrementAndGet();
            } else if (request.bidPath() && status == 200) {
                bids.incrementAndGet();
            } else if (request.bidPath() && status == 204) {
                noBids.incrementAndGet();
            } else {
                others.incrementAndGet();
            }
        }

        void fail(String why) {
            if (why != null && !stop && failure == null) {
                failure = why;
            }
        }
    }
}
