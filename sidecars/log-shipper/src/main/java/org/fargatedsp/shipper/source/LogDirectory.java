package org.fargatedsp.shipper.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.shipper.channel.ReadyFile;

/**
 * The files of {@code BID_LOG_DIR} there are to ship, in writing order (task, then sequence): every ready file, and
 * every {@code .active} file whose writer is gone. The bidder holds an exclusive lock on its active file from the
 * moment it creates it until it has renamed it to its ready name (docs/bid-log.md, "Hand-off"); a shared lock this
 * process can take means no writer has the file, and taking it keeps a restarted bidder's recovery off it while
 * its complete lines are shipped under the same task and sequence.
 */
public final class LogDirectory {
    private static final Comparator<Found> ORDER = Comparator.comparing((Found f) -> f.file().taskId())
            .thenComparingLong(f -> f.file().sequence());

    private final Path dir;

    public LogDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * A file to ship.
     *
     * @param file its task and sequence
     * @param path where it was found
     * @param takenOver for a dead writer's active file, the open channel whose shared lock this process now holds;
     *     null for a ready file
     */
    public record Found(ReadyFile file, Path path, FileChannel takenOver) {}

    public Path dir() {
        return dir;
    }

    /** The files to ship, leaving out those whose {@link ReadyFile#readyName()} is in {@code busy}. */
    public List<Found> scan(Set<String> busy) throws IOException {
        List<Found> found = new ArrayList<>();
        for (Path ready : BidLogFileNames.listReady(dir)) {
            ReadyFile file = fileOf(ready);
            if (!busy.contains(file.readyName())) {
                found.add(new Found(file, ready, null));
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p ->
                BidLogFileNames.isActive(p.getFileName().toString()))) {
            for (Path active : files) {
                ReadyFile file = fileOf(active);
                if (busy.contains(file.readyName()) || containsFile(found, file)) {
                    continue;
                }
                FileChannel taken = takeOver(active);
                if (taken != null) {
                    found.add(new Found(file, active, taken));
                }
            }
        }
        found.sort(ORDER);
        return found;
    }

    /** Whether a writer holds {@code active}'s lock: a live bidder's file, never to be touched. */
    public static boolean isHeld(Path active) throws IOException {
        FileChannel channel = takeOver(active);
        if (channel == null) {
            return Files.exists(active);
        }
        channel.close();
        return false;
    }

    /** Opens {@code active} and takes a shared lock on it, or returns null when a writer holds it or it is gone. */
    static FileChannel takeOver(Path active) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(active, StandardOpenOption.READ);
        } catch (NoSuchFileException renamedOrRemoved) {
            return null;
        }
        boolean keep = false;
        try {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            keep = lock != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            // The writer runs in this JVM (tests, or an embedded writer): held, as another process's lock is.
        } finally {
            if (!keep) {
                channel.close();
            }
        }
        return keep ? channel : null;
    }

    private static boolean containsFile(List<Found> found, ReadyFile file) {
        for (Found f : found) {
            if (f.file().readyName().equals(file.readyName())) {
                return true;
            }
        }
        return false;
    }

    private static ReadyFile fileOf(Path path) {
        String name = path.getFileName().toString();
        return new ReadyFile(BidLogFileNames.taskIdOf(name), BidLogFileNames.sequenceOf(name), name);
    }
}
