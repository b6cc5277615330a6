package org.fargatedsp.shipper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.fargatedsp.bidlog.BidLogFileNames;

/**
 * A bid-log writer keeping the bidder's side of the hand-off (docs/bid-log.md): creates the active file, holds its
 * exclusive lock while it writes, renames it to its ready name and only then closes it. Its {@link #main} writes
 * forever, for a test that kills it with {@code kill -9}.
 */
final class TestWriter implements AutoCloseable {
    private final Path dir;
    private final String task;
    private long seq;
    private FileChannel active;
    private Path activePath;

    TestWriter(Path dir, String task, long firstSeq) {
        this.dir = dir;
        this.task = task;
        this.seq = firstSeq;
    }

    /** Appends {@code line} and its line break to the active file, opening one if none is. */
    void write(String line) throws IOException {
        writeRaw(line + "\n");
    }

    /** Appends {@code text} as it is. */
    void writeRaw(String text) throws IOException {
        while (active == null) {
            activePath = dir.resolve(BidLogFileNames.activeName(task, seq));
            active = FileChannel.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            boolean locked;
            try {
                locked = active.tryLock() != null;
            } catch (OverlappingFileLockException heldInThisJvm) {
                locked = false;
            }
            if (!locked) {
                // As the bidder does: the shipper took the new file before its lock; leave it, use the next.
                active.close();
                active = null;
                seq++;
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            active.write(bytes);
        }
    }

    /** Renames the active file to its ready name, then closes it; the next line opens the next file. */
    void rotate() throws IOException {
        if (active == null) {
            return;
        }
        Files.move(activePath, dir.resolve(BidLogFileNames.readyNameOf(activePath.getFileName().toString())),
                StandardCopyOption.ATOMIC_MOVE);
        active.close();
        active = null;
        seq++;
    }

    /** Writes a ready file of {@code lines} at once. */
    static void readyFile(Path dir, String task, long seq, Iterable<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Path temp = dir.resolve(BidLogFileNames.activeName(task, seq) + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, dir.resolve(BidLogFileNames.readyName(task, seq)), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        rotate();
    }

    /**
     * {@code TestWriter DIR TASK}: writes line after line into one active file and never rotates, printing
     * {@code written N} after every 100 lines (the lines before are complete on disk), until it is killed.
     */
    public static void main(String[] args) throws IOException {
        TestWriter writer = new TestWriter(Path.of(args[0]), args[1], 1);
        for (long n = 0; ; n++) {
            // Half a line first, so a kill between the halves leaves a partial last line.
            String line = Lines.bid(args[1], n, Lines.T0 + n) + "\n";
            writer.writeRaw(line.substring(0, line.length() / 2));
            writer.writeRaw(line.substring(line.length() / 2));
            if ((n + 1) % 100 == 0) {
                System.out.println("written " + (n + 1));
                System.out.flush();
            }
        }
    }
}
