package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** {@link BidLogFiles} on the real file system, through {@link FileChannel}. */
final class NioBidLogFiles implements BidLogFiles {
    static final NioBidLogFiles INSTANCE = new NioBidLogFiles();

    private NioBidLogFiles() {}

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public List<FileEntry> list(Path dir) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        entries.add(new FileEntry(p.getFileName().toString(), a.size()));
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // The shipper removes shipped files while the directory is being listed.
                }
            }
        }
        return entries;
    }

    @Override
    public Output create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        lockOrClose(channel, file);
        return new ChannelOutput(channel);
    }

    @Override
    public Output openExisting(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        lockOrClose(channel, file);
        return new ChannelOutput(channel);
    }

    /**
     * Takes the exclusive lock that tells the log shipper a writer holds the file (docs/bid-log.md, "Hand-off"); it
     * goes with the channel when it is closed. A file whose lock another holds is given up: the shipper took it for
     * a dead writer's (the instant between creating a file and locking it), or a live bidder writes it.
     */
    private static void lockOrClose(FileChannel channel, Path file) throws IOException {
        boolean locked = false;
        try {
            locked = channel.tryLock() != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            // Held by another channel of this process: as good as another process's lock.
        } finally {
            if (!locked) {
                channel.close();
            }
        }
        if (!locked) {
            throw new FileLockedException(file);
        }
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static final class ChannelOutput implements Output {
        private final FileChannel channel;

        ChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            long position = channel.size();
            while (src.hasRemaining()) {
                position += channel.write(src, position);
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
