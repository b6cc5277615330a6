package org.fargatedsp.loadtest.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fargatedsp.loadtest.schedule.Outcomes;
import org.fargatedsp.loadtest.schedule.RunPlan;
import org.fargatedsp.loadtest.transport.NativeTransport;

/**
 * The Netty HTTP/1.1 client of a run: {@code threads} event loops, each with its share of the
 * keep-alive connections and one stride of the open-loop schedule.
 */
public final class LoadClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<Worker> workers = new ArrayList<>();
    private final ConnectionStats stats = new ConnectionStats();
    private final Target target;

    /**
     * @param connections spread over the threads as evenly as can be; at least one per thread
     */
    public LoadClient(NativeTransport transport, Target target, WireRequests requests, int threads, int connections,
            int connectTimeoutMs) {
        if (threads < 1 || connections < threads) {
            throw new IllegalArgumentException("need at least one connection per thread: " + connections
                    + " connections, " + threads + " threads");
        }
        this.target = target;
        this.group = transport.newGroup(threads, "loadtest-client");
        Iterator<EventExecutor> loops = group.iterator();
        for (int t = 0; t < threads; t++) {
            int share = connections / threads + (t < connections % threads ? 1 : 0);
            workers.add(new Worker((EventLoop) loops.next(), transport.socketChannel(), target,
                    requests, stats, share, connectTimeoutMs));
        }
    }

    /**
     * Opens every connection.
     *
     * @throws ConnectException naming the target and the reason when any connection cannot be opened
     */
    public void connect(long boundMs) throws ConnectException, InterruptedException {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Worker worker : workers) {
            all.add(worker.connect());
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(boundMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            // Native transports prefix the reason with the syscall: "finishConnect(..) failed with error(-111): ".
            reason = reason.replaceFirst("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
            throw new ConnectException("cannot connect to " + target.host() + ":" + target.port() + ": " + reason);
        } catch (TimeoutException e) {
            throw new ConnectException("cannot connect to " + target.host() + ":" + target.port()
                    + ": no connection within " + boundMs + " ms");
        }
    }

    /** Starts every worker on the plan; the future completes when every request has an outcome. */
    public CompletableFuture<Void> start(RunPlan plan, Outcomes outcomes) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            done.add(workers.get(w).start(plan, workers.size(), w, outcomes));
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /** Connection churn so far. */
    public ConnectionStats stats() {
        return stats;
    }

    /** Closes every connection and stops the event loops. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Worker worker : workers) {
            closes.add(worker.close());
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort; the event loops are shut down below either way.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
