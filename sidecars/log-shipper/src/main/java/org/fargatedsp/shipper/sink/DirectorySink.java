package org.fargatedsp.shipper.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;

/**
 * Writes each hour part of a batch as a gzip object at its {@link ObjectLayout} key under a local directory, laid
 * out exactly like the S3 prefix, so the same SQL reads both (DuckDB reads the Hive partitions). Each object is
 * written to a temporary file, forced, and renamed over its key, then the directory is forced: a batch delivered
 * again after a crash overwrites its objects with the same bytes, and a reader never sees half an object.
 * A failed write (a full disk, say) is tried again with backoff for as long as it fails.
 * One shipper writes to a directory; temporary files left by a killed one are removed at start.
 */
public final class DirectorySink extends RetryingSink {
    private static final String TEMP_SUFFIX = ".tmp";
    // The compressed bytes go to the file in pieces of this size: memory per thread stays bounded.
    private static final int WRITE_BYTES = 1 << 20;
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

    private final Path root;
    private final ObjectLayout layout;
    private final ThreadLocal<GzipParts> gzip = ThreadLocal.withInitial(
            () -> new GzipParts(S3Sink.Settings.DEFAULT_GZIP_LEVEL, WRITE_BYTES));

    public DirectorySink(Path root, ObjectLayout layout, int threads) throws IOException {
        this(root, layout, threads, Backoff.SLEEP, RandomGenerator.getDefault());
    }

    DirectorySink(Path root, ObjectLayout layout, int threads, Backoff.Pause pause, RandomGenerator random)
            throws IOException {
        super("shipper-dir-sink", threads, Attempts.Faults.LOCAL, S3Sink.Settings.DEFAULT_BACKOFF_BASE, BACKOFF_MAX,
                pause, random);
        this.root = Files.createDirectories(root);
        this.layout = layout;
        removeTemporaryFiles();
    }

    @Override
    void send(Batch batch) {
        for (HourPart part : batch.parts()) {
            String key = layout.key(batch, part);
            long bytes = attempts.call("write " + root.resolve(key), () -> write(key, part));
            counters.stored(1, bytes);
        }
    }

    private long write(String key, HourPart part) throws IOException {
        Path target = root.resolve(key);
        Path dir = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
        long written;
        try {
            try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                GzipParts gzip = this.gzip.get();
                long[] full = {0};
                gzip.compress(part.lines(), part.length(), (buffer, length) -> {
                    writeFully(file, buffer, length);
                    full[0] += length;
                });
                writeFully(file, gzip.buffer(), gzip.length());
                written = full[0] + gzip.length();
                file.force(false);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        return written;
    }

    private static void writeFully(FileChannel file, byte[] bytes, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
