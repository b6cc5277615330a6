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
    private static final class Pending {
        final Batch batch;
        final long firstTs;
        boolean acked;

        Pending(Batch batch, long firstTs) {
            this.batch = batch;
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

    /** Marks {@code batch} acknowledged; returns whether the checkpoint moved. */
    synchronized boolean ack(Batch batch) {
        for (Pending p : pending) {
            if (p.batch == batch) {
                p.acked = true;
                break;
            }
        }
        boolean moved = false;
        while (!pending.isEmpty() && pending.peekFirst().acked) {
            Batch done = pending.removeFirst().batch;
            committed = new Checkpoint(file.readyName(), done.endOffset(), done.lastLine());
            moved = true;
        }
        return moved;
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

    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** All of the file is read and acknowledged. */
    synchronized boolean isComplete() {
        return readDone && !abandoned && pending.isEmpty();
    }

    /** Nothing is in flight: an abandoned file can be let go. */
    synchronized boolean isIdle() {
        return pending.isEmpty();
    }
}
