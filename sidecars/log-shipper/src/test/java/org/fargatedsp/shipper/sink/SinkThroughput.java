package org.fargatedsp.shipper.sink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.sink.fault.FaultServer;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures the sinks alone, each on one delivery thread: records per second and the CPU seconds that thread spends
 * per million bid-log lines (about 330 bytes each, made by the shared encoder), for the S3 sink into S3Proxy in
 * this JVM and the Firehose sink into the fault server answering every call with success; plus the PutRecordBatch
 * calls and bytes per million lines, and gzip's CPU and ratio at levels 1 and 6 on the same lines. The servers'
 * own CPU is not counted: only the sink's thread. A warm-up pass runs first. Run it with
 *
 * <pre>
 * ./mvnw -q -pl sidecars/log-shipper -am test-compile -DskipTests
 * ./mvnw -q -pl sidecars/log-shipper dependency:build-classpath -Dmdep.outputFile=/tmp/shipper.cp
 * java -cp sidecars/log-shipper/target/test-classes:sidecars/log-shipper/target/classes:$(cat /tmp/shipper.cp) \
 *     org.fargatedsp.shipper.sink.SinkThroughput 500000
 * </pre>
 */
public final class SinkThroughput {
    private static final int BATCH_LINES = 20_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SinkThroughput() {}

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        List<Batch> warmUp = batches(100_000, 1);
        List<Batch> batches = batches(lines, 2);
        gzipLevels(batches);
        try (InProcessS3Proxy proxy = new InProcessS3Proxy();
                S3Client s3 = AwsClients.s3(TestAws.settings(proxy.endpoint()).withAttemptTimeout(
                        AwsClients.Settings.DEFAULT_ATTEMPT_TIMEOUT))) {
            s3.createBucket(r -> r.bucket("bids"));
            S3Sink.Settings settings = new S3Sink.Settings("bids", "logs", S3Sink.Settings.DEFAULT_PART_BYTES, 1,
                    S3Sink.Settings.DEFAULT_GZIP_LEVEL, S3Sink.Settings.DEFAULT_BACKOFF_BASE,
                    S3Sink.Settings.DEFAULT_BACKOFF_MAX);
            try (S3Sink sink = new S3Sink(s3, settings)) {
                run(sink, warmUp, "s3-sink");
            }
            try (S3Sink sink = new S3Sink(s3, settings)) {
                report("S3Sink -> S3Proxy", run(sink, batches, "s3-sink"), sink.counters());
            }
        }
        try (FaultServer server = FaultServer.start().createStream("bids");
                FirehoseClient client = AwsClients.firehose(TestAws.settings(server.endpoint()).withAttemptTimeout(
                        AwsClients.Settings.DEFAULT_ATTEMPT_TIMEOUT))) {
            FirehoseSink.Settings base = FirehoseSink.Settings.of("bids");
            FirehoseSink.Settings settings = new FirehoseSink.Settings("bids", base.maxRecordBytes(),
                    base.maxCallBytes(), base.maxCallRecords(), 1, base.backoffBase(), base.backoffMax());
            try (FirehoseSink sink = new FirehoseSink(client, settings)) {
                run(sink, warmUp, "firehose-sink");
            }
            try (FirehoseSink sink = new FirehoseSink(client, settings)) {
                report("FirehoseSink -> fault server (success)", run(sink, batches, "firehose-sink"),
                        sink.counters());
            }
        }
    }

    private static List<Batch> batches(int lines, long seed) {
        List<Batch> batches = new ArrayList<>();
        for (int first = 0; first < lines; first += BATCH_LINES) {
            int count = Math.min(BATCH_LINES, lines - first);
            HourPart part = BidLines.part(BidLines.HOUR + first / 200_000, count, seed * 1_000 + first);
            batches.add(BidLines.batch(seed, first + 1, part));
        }
        return batches;
    }

    private static void gzipLevels(List<Batch> batches) {
        for (int level : new int[] {1, 6, 1, 6}) {
            GzipParts gzip = new GzipParts(level, S3Sink.Settings.DEFAULT_PART_BYTES);
            long in = 0;
            long out = 0;
            long records = 0;
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (Batch batch : batches) {
                for (HourPart part : batch.parts()) {
                    gzip.compress(part.lines(), part.length(), (b, n) -> { });
                    in += part.length();
                    out += gzip.length();
                    records += part.records();
                }
            }
            double seconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            gzip.end();
            System.out.printf(Locale.ROOT, "gzip level %d: %.2f CPU s per million lines, ratio %.1f%n", level,
                    seconds * 1e6 / records, (double) in / out);
        }
    }

    private record Run(long records, double wallSeconds, double cpuSeconds) {}

    private static Run run(Sink sink, List<Batch> batches, String threadPrefix) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (Batch batch : batches) {
            deliveries.add(sink.deliver(batch));
        }
        long records = 0;
        for (int i = 0; i < batches.size(); i++) {
            deliveries.get(i).get(10, TimeUnit.MINUTES);
            records += batches.get(i).records();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(threadPrefix + "-")) {
                cpu += THREADS.getThreadCpuTime(thread.getId()) / 1e9;
            }
        }
        return new Run(records, wall, cpu);
    }

    private static void report(String what, Run run, SinkCounters counters) {
        double millions = run.records() / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d lines in %.2f s = %.0f records/s on one thread; %.2f CPU s per"
                + " million lines; per million lines: %.0f calls, %.0f objects or records, %.1f MB sent; %d retries%n",
                what, run.records(),
                run.wallSeconds(), run.records() / run.wallSeconds(), run.cpuSeconds() / millions,
                counters.calls() / millions, counters.objects() / millions, counters.sentBytes() / 1e6 / millions,
                counters.retries());
    }
}
