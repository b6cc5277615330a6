package org.fargatedsp.shipper.sink;

import java.io.OutputStream;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;

/**
 * Writes the lines of each batch to stdout as they are, for local runs: a batch is acknowledged once its bytes are
 * flushed to the stream. Batches go out one at a time, each whole; the order of hour parts within a batch is the
 * batch's, not the file's. A batch whose write fails is written again whole (at least once).
 */
public final class StdoutSink extends RetryingSink {
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private final OutputStream out;

    /** A sink writing to {@code out} (stdout in production, a file or pipe in tests). */
    public StdoutSink(OutputStream out) {
        // One thread: lines of one batch never interleave with another's.
        super("shipper-stdout-sink", 1, Attempts.Faults.LOCAL, S3Sink.Settings.DEFAULT_BACKOFF_BASE, BACKOFF_MAX,
                Backoff.SLEEP, RandomGenerator.getDefault());
        this.out = out;
    }

    @Override
    void send(Batch batch) {
        long bytes = attempts.call(batch.file().name() + " lines " + batch.firstLine() + "-" + batch.lastLine()
                + " to stdout", () -> {
                    long n = 0;
                    for (HourPart part : batch.parts()) {
                        out.write(part.lines(), 0, part.length());
                        n += part.length();
                    }
                    out.flush();
                    return n;
                });
        counters.stored(0, bytes);
    }
}
