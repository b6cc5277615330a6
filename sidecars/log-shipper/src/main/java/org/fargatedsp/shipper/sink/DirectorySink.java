package org.fargatedsp.shipper.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;

/**
 * Writes each hour part of a batch as a gzip object at its {@link ObjectLayout} key under a local directory, laid
 * out exactly like the S3 prefix, so the same SQL reads both (DuckDB reads the Hive partitions). Each object is
 * written to a temporary file, forced, and renamed over its key, then the directory is forced: a batch delivered
 * again after a crash overwrites its objects with the same bytes, and a reader never sees half an object.
 * One shipper writes to a directory; temporary files left by a killed one are removed at start.
 */
public final class DirectorySink implements Sink {
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final ObjectLayout layout;
    private final RetryingExecutor retries;

    public DirectorySink(Path root, ObjectLayout layout, int threads, MeterRegistry meters) throws IOException {
        this.root = Files.createDirectories(root);
        this.layout = layout;
        this.retries = new RetryingExecutor("shipper-dir-sink", threads, 100, 30_000,
                Counter.builder("dsp.shipper.sink.retries").tag("sink", "dir")
                        .description("attempts at a delivery that failed and were tried again").register(meters));
        removeTemporaryFiles();
    }

    @Override
    public CompletableFuture<Void> deliver(Batch batch) {
        return retries.submit(batch.file().name() + " lines " + batch.firstLine() + "-" + batch.lastLine(), () -> {
            for (HourPart part : batch.parts()) {
                write(layout.key(batch, part), part);
            }
        });
    }

    @Override
    public void close() {
        retries.close();
    }

    private void write(String key, HourPart part) throws IOException {
        Path target = root.resolve(key);
        Path dir = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
        try {
            try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                try (OutputStream gzip = Gzip.output(Channels.newOutputStream(file))) {
                    gzip.write(part.lines(), 0, part.length());
                    gzip.flush();
                    file.force(false);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void removeTemporaryFiles() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
