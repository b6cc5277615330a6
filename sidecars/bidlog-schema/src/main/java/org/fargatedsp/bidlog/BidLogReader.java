package org.fargatedsp.bidlog;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads bid-log records back from JSON lines, one record a line. Unknown fields are skipped; a missing required
 * field, a wrong type or malformed JSON stops the read with a {@link BidLogFormatException} naming the source and
 * the line number.
 */
public final class BidLogReader implements Closeable {
    private final BufferedReader in;
    private final String source;
    private long lineNumber;

    /** A reader of {@code in}; {@code source} (a file name) appears in error messages. */
    public BidLogReader(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
        this.source = source;
    }

    /** A reader of a bid-log file (UTF-8). */
    public static BidLogReader open(Path file) throws IOException {
        return new BidLogReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** Every record of a file, in order. */
    public static List<BidLogRecord> readAll(Path file) throws IOException {
        List<BidLogRecord> records = new ArrayList<>();
        try (BidLogReader reader = open(file)) {
            for (BidLogRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    /** Parses one line (without its line break); the error message names what is wrong but no location. */
    public static BidLogRecord parseLine(String line) {
        try {
            return RecordParser.parse(line);
        } catch (IllegalArgumentException e) {
            throw new BidLogFormatException(e.getMessage(), e);
        }
    }

    /** The next record, or null at the end of the input. */
    public BidLogRecord next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        if (line.isBlank()) {
            throw new BidLogFormatException(source + " line " + lineNumber + ": empty line", null);
        }
        try {
            return RecordParser.parse(line);
        } catch (IllegalArgumentException e) {
            throw new BidLogFormatException(source + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    /** The number of the line last read, counting from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
