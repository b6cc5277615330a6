package org.fargatedsp.loadtest.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fargatedsp.loadtest.schedule.Dispatcher;
import org.fargatedsp.loadtest.schedule.NanoClock;
import org.fargatedsp.loadtest.schedule.Outcomes;
import org.fargatedsp.loadtest.schedule.RunPlan;

/**
 * One sending thread: an event loop, its share of the connections, and the dispatcher that paces
 * them. Everything but {@link #connect}, {@link #start} and {@link #close} runs on the event loop.
 */
final class Worker {
    /** Longest gap between ticks, so timeouts are noticed within a millisecond. */
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Shortest gap between ticks; answers arriving also send what is due, so this bounds idle wake-ups only. */
    private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long RECONNECT_DELAY_MS = 100;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Target target;
    private final WireRequests requests;
    private final ConnectionStats stats;
    private final int connections;
    private final List<Connection> open = new ArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable tickTask = this::tick;
    private Dispatcher dispatcher;
    private boolean closing;

    Worker(EventLoop loop, Class<? extends SocketChannel> channelClass, Target target, WireRequests requests,
            ConnectionStats stats, int connections, int connectTimeoutMs) {
        this.loop = loop;
        this.target = target;
        this.requests = requests;
        this.stats = stats;
        this.connections = connections;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpResponseDecoder(), new Connection(Worker.this));
                    }
                });
    }

    /** Opens every connection; fails with the first connect error. */
    CompletableFuture<Void> connect() {
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(connections);
        for (int c = 0; c < connections; c++) {
            bootstrap.connect(target.host(), target.port()).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    all.completeExceptionally(f.cause());
                } else if (remaining.decrementAndGet() == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    /** Starts sending this worker's stride of the plan; the returned future completes when every request has an outcome. */
    CompletableFuture<Void> start(RunPlan plan, int stride, int offset, Outcomes outcomes) {
        loop.execute(() -> {
            dispatcher = new Dispatcher(plan.schedule(stride, offset), NanoClock.SYSTEM, outcomes,
                    plan.timeoutNanos(), plan.measureFromNanos());
            for (Connection connection : List.copyOf(open)) {
                if (connection.channel().isActive()) {
                    connection.attach(dispatcher.register(connection));
                }
            }
            tick();
        });
        return done;
    }

    /** Closes every connection; no new ones are opened afterwards. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            List<ChannelFuture> closes = new ArrayList<>();
            for (Connection connection : open) {
                closes.add(connection.channel().close());
            }
            open.clear();
            if (closes.isEmpty()) {
                closed.complete(null);
            }
            AtomicInteger remaining = new AtomicInteger(closes.size());
            for (ChannelFuture f : closes) {
                f.addListener(x -> {
                    if (remaining.decrementAndGet() == 0) {
                        closed.complete(null);
                    }
                });
            }
        });
        return closed;
    }

    WireRequests requests() {
        return requests;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    void connected(Connection connection) {
        if (closing) {
            connection.channel().close();
            return;
        }
        open.add(connection);
        if (dispatcher != null) {
            connection.attach(dispatcher.register(connection));
        }
    }

    void lost(Connection connection) {
        if (!open.remove(connection) || closing) {
            return;
        }
        if (dispatcher == null || !dispatcher.finished()) {
            stats.replaced();
            reconnect();
        }
        checkDone();
    }

    void checkDone() {
        if (dispatcher != null && dispatcher.finished()) {
            done.complete(null);
        }
    }

    private void reconnect() {
        if (closing || (dispatcher != null && dispatcher.finished())) {
            return;
        }
        bootstrap.connect(target.host(), target.port()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                stats.connectFailed();
                loop.schedule(this::reconnect, RECONNECT_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void tick() {
        if (closing) {
            return;
        }
        long nextDue = dispatcher.tick();
        if (dispatcher.finished()) {
            done.complete(null);
            return;
        }
        long delay = Math.min(nextDue - System.nanoTime(), SWEEP_NANOS);
        loop.schedule(tickTask, Math.max(delay, MIN_TICK_NANOS), TimeUnit.NANOSECONDS);
    }
}
