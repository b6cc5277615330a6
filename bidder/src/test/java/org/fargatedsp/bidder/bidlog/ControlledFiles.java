package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real file system with faults the tests switch on: writes or fsyncs that block until released (a stalled disk),
 * writes that fail half-way or fail until space is freed (a full disk), a new file whose lock the shipper took
 * first, and a record of the most bytes the directory
 * ever held after a write.
 */
final class ControlledFiles implements BidLogFiles {
    private final BidLogFiles real = BidLogFiles.system();
    private final Path dir;
    private final Gate writes = new Gate();
    private final Gate fsyncs = new Gate();
    private final AtomicInteger failingWrites = new AtomicInteger();
    private volatile boolean full;
    private volatile Path takenFirst;
    private final AtomicLong maxDirBytes = new AtomicLong();

    ControlledFiles(Path dir) {
        this.dir = dir;
    }

    /** Creating {@code file} finds its lock taken by another process, as when the shipper saw it first. */
    void lockTakenFirst(Path file) {
        takenFirst = file;
    }

    /** From now on every write waits until {@link #release()}. */
    void stall() {
        writes.close();
    }

    void release() {
        writes.open();
    }

    /** Waits until the writer is blocked inside a write. */
    boolean awaitStalled() throws InterruptedException {
        return writes.awaitBlocked();
    }

    /** From now on every fsync waits until {@link #releaseForce()}: a disk slow to flush its cache. */
    void stallForce() {
        fsyncs.close();
    }

    void releaseForce() {
        fsyncs.open();
    }

    /** Waits until a thread is blocked inside an fsync. */
    boolean awaitForceStalled() throws InterruptedException {
        return fsyncs.awaitBlocked();
    }

    /** The next {@code count} writes write half their bytes and then fail as a full disk does. */
    void failNextWrites(int count) {
        failingWrites.set(count);
    }

    /** From now on until {@link #freeSpace()} every write fails as on a full volume, having written nothing. */
    void fill() {
        full = true;
    }

    void freeSpace() {
        full = false;
    }

    long maxDirBytes() {
        return maxDirBytes.get();
    }

    @Override
    public void createDirectories(Path d) throws IOException {
        real.createDirectories(d);
    }

    @Override
    public List<FileEntry> list(Path d) throws IOException {
        return real.list(d);
    }

    @Override
    public Output create(Path file) throws IOException {
        if (file.equals(takenFirst)) {
            // What the real create does when the shipper locks the file between CREATE_NEW and tryLock.
            Files.createFile(file);
            throw new FileLockedException(file);
        }
        Output out = real.create(file);
        return new Output() {
            @Override
            public void write(ByteBuffer src) throws IOException {
                writes.pass();
                if (full) {
                    throw new IOException("No space left on device");
                }
                if (failingWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ByteBuffer half = src.duplicate();
                    half.limit(src.position() + src.remaining() / 2);
                    out.write(half);
                    throw new IOException("No space left on device");
                }
                out.write(src);
                long total = 0;
                for (FileEntry e : real.list(dir)) {
                    total += e.size();
                }
                maxDirBytes.accumulateAndGet(total, Math::max);
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return out.read(dst, position);
            }

            @Override
            public long size() throws IOException {
                return out.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                out.truncate(size);
            }

            @Override
            public void force() throws IOException {
                fsyncs.pass();
                out.force();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public Output openExisting(Path file) throws IOException {
        return real.openExisting(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        real.moveAtomically(source, target);
    }

    @Override
    public void delete(Path file) throws IOException {
        real.delete(file);
    }

    /** A point that callers pass freely until it is closed, and then wait at until it is opened. */
    private static final class Gate {
        private volatile CountDownLatch closed;
        private final CountDownLatch blocked = new CountDownLatch(1);

        void close() {
            closed = new CountDownLatch(1);
        }

        void open() {
            CountDownLatch c = closed;
            closed = null;
            if (c != null) {
                c.countDown();
            }
        }

        boolean awaitBlocked() throws InterruptedException {
            return blocked.await(30, TimeUnit.SECONDS);
        }

        void pass() throws IOException {
            CountDownLatch c = closed;
            if (c == null) {
                return;
            }
            blocked.countDown();
            try {
                c.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stalled", e);
            }
        }
    }
}
