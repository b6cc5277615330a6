package org.fargatedsp.shipper.sink.fault;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server on a loopback port that speaks Firehose's PutRecordBatch and the S3 calls of an upload
 * to the real SDK clients, and injects faults into the requests a test picks: whole-call 500 and 503, throttling,
 * partial failures, slow answers and connections reset in the middle of a body, and outages that refuse every
 * request until they end. Requests no fault was injected into are answered as the service would. Requests of one connection are served in order.
 */
public final class FaultServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ConcurrentLinkedQueue<Rule> rules = new ConcurrentLinkedQueue<>();
    private final Map<Operation, AtomicInteger> requests = new EnumMap<>(Operation.class);
    private final FirehoseEmulator firehose = new FirehoseEmulator();
    private final S3Emulator s3 = new S3Emulator();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile List<Fault> outage;
    private final Channel channel;

    private FaultServer() throws InterruptedException {
        for (Operation operation : Operation.values()) {
            requests.put(operation, new AtomicInteger());
        }
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // The injector sits before the aggregator: a reset must happen while the body streams in.
                        ch.pipeline().addLast(new HttpServerCodec(), new FaultInjector(FaultServer.this),
                                new HttpObjectAggregator(MAX_BODY_BYTES), new ServiceHandler(firehose, s3));
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** A server listening on a free loopback port. */
    public static FaultServer start() {
        try {
            return new FaultServer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** The next {@code times} requests of {@code operation} get {@code fault}, after the faults injected before. */
    public FaultServer inject(Operation operation, Fault fault, int times) {
        rules.add(new Rule(operation, fault, new AtomicInteger(times)));
        return this;
    }

    /**
     * An outage: from now until {@link #recover}, every request of every operation gets one of {@code faults}, in
     * turn, before any fault injected with {@link #inject}.
     */
    public FaultServer outage(Fault... faults) {
        outage = List.of(faults);
        return this;
    }

    /** Ends the outage: requests are answered again. */
    public FaultServer recover() {
        outage = null;
        return this;
    }

    /** How many requests outages refused. */
    public int refused() {
        return refused.get();
    }

    /** How many requests of {@code operation} arrived, faulted ones included. */
    public int requests(Operation operation) {
        return requests.get(operation).get();
    }

    public FaultServer createStream(String name) {
        firehose.createStream(name);
        return this;
    }

    public FaultServer createBucket(String bucket) {
        s3.createBucket(bucket);
        return this;
    }

    /** Every request to {@code bucket} answers 403 AccessDenied. */
    public FaultServer deny(String bucket) {
        s3.deny(bucket);
        return this;
    }

    /** The Firehose records accepted, in the order they were. */
    public List<byte[]> firehoseRecords() {
        return firehose.accepted();
    }

    /** The records of every PutRecordBatch that reached the emulator (not faulted whole), call by call. */
    public List<List<byte[]>> firehoseCalls() {
        return firehose.calls();
    }

    /** The stored S3 objects by {@code bucket/key}. */
    public Map<String, byte[]> objects() {
        return s3.objects();
    }

    /** Multipart uploads created and neither completed nor aborted. */
    public Set<String> openUploads() {
        return s3.openUploads();
    }

    /** Counts a request and takes the fault, if any, injected for it. */
    Fault arrived(Operation operation) {
        requests.get(operation).incrementAndGet();
        List<Fault> down = outage;
        if (down != null) {
            return down.get(refused.getAndIncrement() % down.size());
        }
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.operation == operation) {
                int left = rule.remaining.decrementAndGet();
                if (left <= 0) {
                    it.remove();
                }
                if (left >= 0) {
                    return rule.fault;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private record Rule(Operation operation, Fault fault, AtomicInteger remaining) {}
}
