package org.fargatedsp.shipper.channel;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One file being shipped: its batches in flight in reading order, and the checkpoint, which moves only over the
 * acknowledged prefix. A later batch acknowledged before an earlier one waits, marked, until the earlier one is
 * acknowledged too. Touched by the committer thread only, except {@link #add} by the reader before it delivers.
 */
final class FileProgress {
    // What is kept of a batch in flight: not its lines, which the sink lets go once it is done with them.
    private static final class Pending {
        final long startOffset;
        final long endOffset;
        final long lastLine;
        final long firstTs;
        boolean acked;

        Pending(Batch batch, long firstTs) {
            this.startOffset = batch.startOffset();
            this.endOffset = batch.endOffset();
            this.lastLine = batch.lastLine();
            this.firstTs = firstTs;
        }
    }

    final ReadyFile file;
    final Path path;
    final FileChannel channel;
    final boolean takenOver;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Checkpoint committed;
    private boolean readDone;
    private boolean abandoned;
    private boolean broken;

    FileProgress(ReadyFile file, Path path, FileChannel channel, boolean takenOver, Checkpoint committed) {
        this.file = file;
        this.path = path;
        this.channel = channel;
        this.takenOver = takenOver;
        this.committed = committed;
    }

    synchronized void add(Batch batch, long firstTs) {
        pending.addLast(new Pending(batch, firstTs));
    }

    /**
     * Marks {@code batch} acknowledged and moves the checkpoint over the acknowledged prefix. Returns how many
     * batches that let go of: a batch holds its place in flight until the checkpoint passes it, so that what a
     * crash ships again is bounded by the places in flight. Once a batch of the file was dropped nothing passes
     * it any more, and each acknowledged batch lets go of its place at once.
     */
    synchronized int ack(Batch batch) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.startOffset == batch.startOffset()) {
                if (broken) {
                    it.remove();
                    return 1;
                }
                p.acked = true;
                break;
            }
        }
        int passed = 0;
        while (!pending.isEmpty() && pending.peekFirst().acked) {
            Pending done = pending.removeFirst();
            committed = new Checkpoint(file.readyName(), done.endOffset, done.lastLine);
            passed++;
        }
        return passed;
    }

    /** {@code batch} will not be acknowledged in this run; returns the places in flight that lets go of. */
    synchronized int drop(Batch batch) {
        broken = true;
        int freed = 0;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.startOffset == batch.startOffset() || p.acked) {
                it.remove();
                freed++;
            }
        }
        return freed;
    }

    synchronized Checkpoint committed() {
        return committed;
    }

    /** The {@code ts} of the oldest record read and not yet acknowledged, or {@code Long.MAX_VALUE}. */
    synchronized long oldestPendingTs() {
        long oldest = Long.MAX_VALUE;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (!p.acked && p.firstTs < oldest) {
                oldest = p.firstTs;
            }
        }
        return oldest;
    }

    synchronized void readDone() {
        readDone = true;
    }

    /** Reading stopped early (an I/O error, or shutdown): the file is read again from its checkpoint later. */
    synchronized void abandon() {
        abandoned = true;
    }

    /** Whether the file is let go of, unfinished, once nothing of it is in flight. */
    synchronized boolean isAbandoned() {
        return abandoned || broken;
    }

    /** All of the file is read and acknowledged. */
    synchronized boolean isComplete() {
        return readDone && !abandoned && !broken && pending.isEmpty();
    }

    /** Nothing is in flight: an abandoned file can be let go. */
    synchronized boolean isIdle() {
        return pending.isEmpty();
    }
}
