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

    /** Creates a new file, failing if it exists, and opens it for appending. */
    Output create(Path file) throws IOException;

    /** Opens an existing file for reading and writing. */
    Output openExisting(Path file) throws IOException;

    /** Renames {@code source} to {@code target} atomically (same directory). */
    void moveAtomically(Path source, Path target) throws IOException;

    void delete(Path file) throws IOException;

    /** The real file system. */
    static BidLogFiles system() {
        return NioBidLogFiles.INSTANCE;
    }
}
