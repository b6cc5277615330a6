package org.fargatedsp.shipper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;
import org.fargatedsp.metrics.MetricsConfig;
import org.fargatedsp.shipper.channel.DoneAction;

/**
 * The log shipper's whole configuration, read from environment variables (README, "Log shipper"). Every value is
 * checked at start and every problem reported at once.
 *
 * @param bidLogDir where the bidder writes its files ({@code BID_LOG_DIR})
 * @param stateDir checkpoints, the dead-letter file and the done folder ({@code SHIPPER_STATE_DIR})
 * @param doneAction what becomes of a file once all of it is acknowledged
 * @param sink where batches go
 * @param outputDir the directory of {@code SINK=dir}, or null
 * @param prefix the object key prefix, without leading or trailing {@code /}
 * @param maxBatchBytes uncompressed bytes of lines at which a batch (an object) is cut
 * @param maxBatchAgeMs span of record {@code ts} at which a batch is cut
 * @param batchesInFlight batches handed to the sink and not yet acknowledged, at most
 * @param pollIntervalMs how often the directory is listed when there is nothing to read
 * @param stopTimeoutMs how long SIGTERM may take, from the signal to the exit
 * @param deadLetterMaxBytes the dead-letter file's budget
 * @param bucket the S3 bucket, for {@code SINK=s3}
 * @param firehoseStream the delivery stream, for {@code SINK=firehose}
 * @param metrics where the meters go: Datadog, as the bidder's, with the same keys and ECS task tags
 */
public record ShipperConfig(Path bidLogDir, Path stateDir, DoneAction doneAction, SinkKind sink, Path outputDir,
        String prefix, long maxBatchBytes, long maxBatchAgeMs, int batchesInFlight, long pollIntervalMs,
        long stopTimeoutMs, long deadLetterMaxBytes, String bucket, String firehoseStream,
        MetricsConfig metrics) {

    /** The sinks that exist; each names the keys it needs. */
    public enum SinkKind {
        /** Lines to stdout, for local runs. */
        STDOUT,
        /** Gzip objects in {@code SHIPPER_OUTPUT_DIR}, laid out exactly like the S3 prefix. */
        DIR,
        /** Gzip objects in {@code S3_BUCKET} under {@code S3_PREFIX}: exactly once. */
        S3,
        /** Lines packed into Firehose records of {@code FIREHOSE_STREAM}: at least once. */
        FIREHOSE
    }

    // Same default as the bidder's BidLogConfig.DIR: run from the same folder, the two meet without settings.
    public static final Key<Path> BID_LOG_DIR = Key.path("BID_LOG_DIR").byDefault(Path.of("./logs/bids"))
            .doc("Bid-log directory the bidder writes, on the volume the two containers share.");
    public static final Key<Path> STATE_DIR = Key.path("SHIPPER_STATE_DIR")
            .documentedDefault("`$BID_LOG_DIR/.shipper`")
            .doc("Checkpoints, the dead-letter file and the `done` folder. The default is on the shared volume, so a"
                    + " restarted shipper container resumes where the last one stopped.");
    public static final Key<DoneAction> DONE_ACTION = Key.choice("SHIPPER_DONE_ACTION", DoneAction.class)
            .byDefault(DoneAction.DELETE)
            .doc("`delete` a file once all of it is acknowledged, or `move` it to `$SHIPPER_STATE_DIR/done` (local"
                    + " runs; nothing removes them there, and they do not count in the bidder's disk budget).");
    public static final Key<SinkKind> SINK = Key.choice("SINK", SinkKind.class).byDefault(SinkKind.STDOUT)
            .doc("`s3` (gzip objects in `S3_BUCKET`, exactly once), `firehose` (lines packed into records of"
                    + " `FIREHOSE_STREAM`, at least once), `dir` (gzip objects in `SHIPPER_OUTPUT_DIR`, laid out as in"
                    + " S3) or `stdout` (the lines, for local runs; logs then go to stderr).");
    public static final Key<Path> OUTPUT_DIR = Key.path("SHIPPER_OUTPUT_DIR")
            .doc("Where `SINK=dir` writes `$S3_PREFIX/year=/month=/day=/hour=/` objects; required with it.");
    public static final Key<String> S3_BUCKET = Key.string("S3_BUCKET", "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
            "must be an S3 bucket name: 3 to 63 lower-case letters, digits, '.' and '-'")
            .doc("Bucket of `SINK=s3`; required with it.");
    public static final Key<String> S3_PREFIX = Key.string("S3_PREFIX", "[^/](.*[^/])?",
            "must not start or end with /").byDefault("bids")
            .doc("Key prefix of the objects, before `year=YYYY/month=MM/day=DD/hour=HH/` (Athena's partition"
                    + " projection, docs/bid-log.md); also the top folder of `SINK=dir`.");
    public static final Key<Long> S3_OBJECT_MAX_BYTES = Key.bytes("S3_OBJECT_MAX_BYTES", 1024, 1L << 30)
            .byDefault(8_000_000L)
            .doc("A batch (one object per hour it spans) is cut before its lines pass this many uncompressed bytes"
                    + " (about 1.4 MB of gzip). The default fills two `PutRecordBatch` calls of four 1,000 KiB"
                    + " records with `SINK=firehose`, where 8 MiB would take three."
                    + " Batches are cut from the start of each file, so after a crash they are cut the same and"
                    + " overwrite their objects; changing it while files wait can duplicate the batches in flight.");
    public static final Key<Duration> S3_OBJECT_MAX_AGE_MS = Key.duration("S3_OBJECT_MAX_AGE_MS",
            Duration.ofMillis(1), Duration.ofDays(1)).byDefault(Duration.ofMinutes(5))
            .doc("...or at the first record whose `ts` is more than this after the batch's first record's.");
    public static final Key<String> FIREHOSE_STREAM = Key.string("FIREHOSE_STREAM", "[a-zA-Z0-9_.-]{1,64}",
            "must be a delivery stream name: 1 to 64 letters, digits, '_', '.' and '-'")
            .doc("Delivery stream of `SINK=firehose`; required with it.");
    public static final Key<Integer> BATCHES_IN_FLIGHT = Key.integer("SHIPPER_BATCHES_IN_FLIGHT", 1, 64)
            .byDefault(3)
            .doc("Batches handed to the sink and not yet acknowledged; reading waits beyond. Heap holds up to this"
                    + " many times `S3_OBJECT_MAX_BYTES`, plus one being read: the container's `-Xmx72m -Xmn16m`"
                    + " (`JAVA_TOOL_OPTIONS` in task-definitions/bidder.json) is sized for the defaults, so raise them"
                    + " together. The S3 and Firehose sinks send two at a time.");
    public static final Key<Duration> POLL_INTERVAL_MS = Key.duration("SHIPPER_POLL_INTERVAL_MS",
            Duration.ofMillis(10), Duration.ofMinutes(1)).byDefault(Duration.ofMillis(500))
            .doc("How often `BID_LOG_DIR` is listed while nothing waits.");
    public static final Key<Duration> STOP_TIMEOUT_MS = Key.duration("SHIPPER_STOP_TIMEOUT_MS",
            Duration.ofMillis(100), Duration.ofMinutes(10)).byDefault(Duration.ofSeconds(100))
            .doc("After SIGTERM, how long the shipper goes on shipping what the bidder leaves before it stops"
                    + " reading, and then waits for the batches in flight. Keep it below the container's"
                    + " `stopTimeout` (120 s in task-definitions/bidder.json), which must exceed the bidder's.");
    public static final Key<Long> DEAD_LETTER_MAX_BYTES = Key.bytes("SHIPPER_DEAD_LETTER_MAX_BYTES", 4096, 1L << 40)
            .byDefault(64L << 20)
            .doc("Budget of the dead-letter file: past it, bad lines are only counted"
                    + " (`dsp.shipper.dead_letters.dropped`) and logged.");

    /** The metrics' {@code DD_SERVICE}; the other {@code DD_*} keys are the bidder's ({@link MetricsConfig}). */
    public static final Key<String> DD_SERVICE = MetricsConfig.service("fargate-dsp-log-shipper");

    /** Every key, in the order of the README's table. */
    public static final List<Key<?>> KEYS = keys();

    /** Reads the configuration; a bad value is one more problem of {@code r}, and the default stands in for it. */
    public static ShipperConfig read(ConfigReader r) {
        Path bidLogDir = r.get(BID_LOG_DIR);
        Path stateDir = r.get(STATE_DIR);
        if (stateDir == null) {
            stateDir = bidLogDir.resolve(".shipper");
        }
        SinkKind sink = r.get(SINK);
        Path outputDir = r.get(OUTPUT_DIR);
        for (Key<?> required : requiredBy(sink)) {
            if (!r.isSet(required)) {
                r.problem(required.name() + " must be set with " + SINK.name() + "=" + sink.name().toLowerCase());
            }
        }
        return new ShipperConfig(bidLogDir, stateDir, r.get(DONE_ACTION), sink, outputDir, r.get(S3_PREFIX),
                r.get(S3_OBJECT_MAX_BYTES), r.get(S3_OBJECT_MAX_AGE_MS).toMillis(), r.get(BATCHES_IN_FLIGHT),
                r.get(POLL_INTERVAL_MS).toMillis(), r.get(STOP_TIMEOUT_MS).toMillis(), r.get(DEAD_LETTER_MAX_BYTES),
                r.get(S3_BUCKET), r.get(FIREHOSE_STREAM), MetricsConfig.read(r, DD_SERVICE));
    }

    /** The configuration in {@code env}, or a {@code ConfigException} listing every problem. */
    public static ShipperConfig fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        ShipperConfig config = read(r);
        r.throwIfProblems();
        return config;
    }

    private static List<Key<?>> keys() {
        List<Key<?>> keys = new ArrayList<>(List.of(BID_LOG_DIR, STATE_DIR, DONE_ACTION, SINK, OUTPUT_DIR, S3_BUCKET,
                S3_PREFIX, S3_OBJECT_MAX_BYTES, S3_OBJECT_MAX_AGE_MS, FIREHOSE_STREAM, BATCHES_IN_FLIGHT,
                POLL_INTERVAL_MS, STOP_TIMEOUT_MS, DEAD_LETTER_MAX_BYTES));
        keys.addAll(MetricsConfig.keys(DD_SERVICE));
        return List.copyOf(keys);
    }

    /** The keys a sink cannot go without. */
    static List<Key<?>> requiredBy(SinkKind sink) {
        return switch (sink) {
            case STDOUT -> List.of();
            case DIR -> List.of(OUTPUT_DIR);
            case S3 -> List.of(S3_BUCKET);
            case FIREHOSE -> List.of(FIREHOSE_STREAM);
        };
    }
}
