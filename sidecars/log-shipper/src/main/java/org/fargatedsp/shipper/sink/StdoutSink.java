package org.fargatedsp.shipper.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;

/**
 * Writes the lines of each batch to stdout as they are, for local runs: a batch is acknowledged once its bytes are
 * flushed to the stream. Batches go out one at a time, each whole; the order of hour parts within a batch is the
 * batch's, not the file's.
 */
public final class StdoutSink implements Sink {
    private final OutputStream out;
    private final RetryingExecutor retries;

    /** A sink writing to {@code out} (stdout in production, a file or pipe in tests). */
    public StdoutSink(OutputStream out, MeterRegistry meters) {
        this.out = out;
        // One thread: lines of one batch never interleave with another's.
        this.retries = new RetryingExecutor("shipper-stdout-sink", 1, 100, 5_000,
                Counter.builder("dsp.shipper.sink.retries").tag("sink", "stdout").register(meters));
    }

    @Override
    public CompletableFuture<Void> deliver(Batch batch) {
        return retries.submit(batch.file().name() + " lines " + batch.firstLine() + "-" + batch.lastLine(), () -> {
            for (HourPart part : batch.parts()) {
                out.write(part.lines(), 0, part.length());
            }
            out.flush();
        });
    }

    @Override
    public void close() {
        retries.close();
    }
}
