package org.fargatedsp.bidder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark threads used per operation ({@code cpu.time.norm}), from
 * the JVM's per-thread CPU clock. On a machine shared with other work, wall time per operation grows with every
 * moment the benchmark thread waits for a core; its CPU time does not, so this is the figure to read there. It
 * still includes what sharing does to caches and clock speed. Normalised like {@code -prof gc}'s
 * {@code gc.alloc.rate.norm}, by every operation of the iteration.
 *
 * <pre>bidder/jmh.sh WholeRequestBenchmark -prof gc -prof org.fargatedsp.bidder.CpuTimeProfiler</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final String WORKER_THREAD = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    public CpuTimeProfiler() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuNanos();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result.
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long used = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            // A worker started during the iteration had used nothing before it.
            used += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        return List.of(new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : (double) used / ops, "ns/op",
                AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_THREAD)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
