package org.fargatedsp.bidder.bidlog;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.BidRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What an event loop pays to hand a record to the bid-log queue, for the two bounded queues the writer could use:
 * Netty's shaded JCTools MPSC array queue ({@code mpsc}) and {@code ArrayBlockingQueue.offer} ({@code abq}). One
 * producer thread offers while one consumer drains in batches as the writer thread does; the score of the
 * {@code offer} method is the producer's cost per record (a full queue makes offer fail fast, which is the
 * drop path). {@code offerThenPoll} is the same hand-off on one thread, without contention: the floor of each
 * queue's cost.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl bidder -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bidder/target/test-classes:bidder/target/classes:$(cat bidder/target/cp.txt) org.openjdk.jmh.Main BidLogQueueBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BidLogQueueBenchmark {
    private static final BidRecord RECORD = BidRecord.noBid(1_767_225_600_000L, "req-1", "exchange-a",
            new String[] {"1"}, "no_match", 120, false, "task", "1.0.0");

    /** The queue the producer and the consumer of one group share. */
    @State(Scope.Group)
    public static class HandOff {
        @Param({"mpsc", "abq"})
        public String queue;

        Queue<BidRecord> q;

        @Setup(Level.Iteration)
        public void setUp() {
            q = newQueue(queue);
        }
    }

    /** A queue of its own for the single-threaded benchmark. */
    @State(Scope.Thread)
    public static class Uncontended {
        @Param({"mpsc", "abq"})
        public String queue;

        Queue<BidRecord> q;

        @Setup(Level.Iteration)
        public void setUp() {
            q = newQueue(queue);
        }
    }

    static Queue<BidRecord> newQueue(String kind) {
        return kind.equals("mpsc") ? PlatformDependent.newFixedMpscQueue(65_536) : new ArrayBlockingQueue<>(65_536);
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public boolean offer(HandOff h) {
        return h.q.offer(RECORD);
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public void drain(HandOff h, Blackhole bh) {
        for (int i = 0; i < BidLogWriter.MAX_BATCH_RECORDS; i++) {
            BidRecord r = h.q.poll();
            if (r == null) {
                return;
            }
            bh.consume(r);
        }
    }

    @Benchmark
    public BidRecord offerThenPoll(Uncontended u) {
        u.q.offer(RECORD);
        return u.q.poll();
    }
}
