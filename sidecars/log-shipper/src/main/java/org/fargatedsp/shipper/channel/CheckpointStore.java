package org.fargatedsp.shipper.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One checkpoint file per bid-log file, {@code <ready name>.checkpoint} in its own directory, holding one line:
 * {@code v1 <ready name> <offset> <lines> <crc32>}. Written atomically: a temporary file is written and forced,
 * renamed over the old one, and the directory forced, so after a crash the checkpoint is the old one or the new
 * one, never a mix (rename(2); fsync(2) of the directory makes the rename itself durable).
 */
public final class CheckpointStore {
    private static final String SUFFIX = ".checkpoint";
    private static final String TEMP_SUFFIX = ".checkpoint.tmp";
    private static final Pattern LINE = Pattern.compile("v1 (\\S+) (\\d{1,18}) (\\d{1,18}) ([0-9a-f]{8})\n");

    private final Path dir;

    public CheckpointStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Every checkpoint, by ready name; leftover temporary files from a crash mid-write are removed.
     *
     * @throws CorruptCheckpointException naming the first file that cannot be read as a checkpoint
     */
    public Map<String, Checkpoint> loadAll() throws IOException {
        Map<String, Checkpoint> all = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(SUFFIX)) {
                    Checkpoint c = read(p);
                    all.put(c.readyName(), c);
                }
            }
        }
        return all;
    }

    /** The checkpoint of {@code readyName}, or null when it has none; at start only {@link #loadAll} cleans up. */
    public Checkpoint load(String readyName) throws IOException {
        Path p = pathOf(readyName);
        return Files.exists(p) ? read(p) : null;
    }

    /** Writes {@code checkpoint} atomically and durably. */
    public void write(Checkpoint checkpoint) throws IOException {
        Path target = pathOf(checkpoint.readyName());
        Path temp = dir.resolve(checkpoint.readyName() + TEMP_SUFFIX);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(format(checkpoint).getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    /** Removes the checkpoint of a file that is gone. */
    public void delete(String readyName) throws IOException {
        Files.deleteIfExists(pathOf(readyName));
    }

    /** The checkpoint file of {@code readyName}. */
    public Path pathOf(String readyName) {
        return dir.resolve(readyName + SUFFIX);
    }

    static String format(Checkpoint c) {
        String body = "v1 " + c.readyName() + " " + c.offset() + " " + c.lines();
        return body + " " + String.format("%08x", crc(body)) + "\n";
    }

    private static Checkpoint read(Path p) throws IOException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (bytes.length > 512) {
                throw new CorruptCheckpointException(p, bytes.length + " bytes, more than a checkpoint holds");
            }
            text = new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            throw new CorruptCheckpointException(p, "removed while being read");
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new CorruptCheckpointException(p, "not of the form 'v1 <file> <offset> <lines> <crc32>'");
        }
        String body = text.substring(0, text.length() - 10);
        if (!String.format("%08x", crc(body)).equals(m.group(4))) {
            throw new CorruptCheckpointException(p, "its CRC-32 does not match its content");
        }
        String expectedName = p.getFileName().toString();
        if (!(m.group(1) + SUFFIX).equals(expectedName)) {
            throw new CorruptCheckpointException(p, "it names another file, " + m.group(1));
        }
        try {
            return new Checkpoint(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(p, e.getMessage());
        }
    }

    private static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private void forceDirectory() throws IOException {
        // Linux lets a directory be opened read-only and fsynced; that makes the rename durable.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
