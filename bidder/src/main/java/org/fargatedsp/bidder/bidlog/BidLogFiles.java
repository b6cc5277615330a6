package org.fargatedsp.bidder.bidlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the bid-log writer uses, and nothing more, so tests can put a slow or failing disk under it.
 * {@link #system()} is the real file system.
 */
public interface BidLogFiles {
    /** A regular file in a directory and its size. */
    record FileEntry(String name, long size) {}

    /** An open file the writer appends to. */
    interface Output extends Closeable {
        /** Writes all of {@code src} at the end of the file. */
        void write(ByteBuffer src) throws IOException;

        /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;

        long size() throws IOException;

        /** Cuts the file to {@code size} bytes. */
        void truncate(long size) throws IOException;

        /** Forces the content to the storage device (fsync of the data, not the metadata). */
        void force() throws IOException;
    }

    void createDirectories(Path dir) throws IOException;

    /** The regular files directly in {@code dir}. */
    List<FileEntry> list(Path dir) throws IOException;

    /**
     * Creates a new file, failing if it exists, and opens it for appending, holding its lock while it is open.
     *
     * @throws FileLockedException when another process (the log shipper) took the lock first
     */
    Output create(Path file) throws IOException;

    /**
     * Opens an existing file for reading and writing, holding its lock while it is open.
     *
     * @throws FileLockedException when another process holds the lock: a live writer, or the log shipper shipping
     *     a dead writer's file
     */
    Output openExisting(Path file) throws IOException;

    /** The lock of a bid-log file is held by another: leave the file alone. */
    final class FileLockedException extends IOException {
        private static final long serialVersionUID = 1L;

        public FileLockedException(Path file) {
            super(file.getFileName() + " is locked by another process");
        }
    }

    /** Renames {@code source} to {@code target} atomically (same directory); {@code source} may be open. */
    void moveAtomically(Path source, Path target) throws IOException;

    void delete(Path file) throws IOException;

    /** The real file system. */
    static BidLogFiles system() {
        return NioBidLogFiles.INSTANCE;
    }
}
