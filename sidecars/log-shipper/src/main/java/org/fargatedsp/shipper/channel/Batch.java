package org.fargatedsp.shipper.channel;

import java.util.List;
import java.util.Objects;

/**
 * Consecutive lines of one bid-log file: the unit a sink delivers and the channel acknowledges. Batch boundaries
 * are a function of the file's content and the configured batch size alone, counted from the file's start, so a
 * batch read again after a crash has the same lines, the same parts and the same object keys.
 *
 * @param file the file the lines come from
 * @param firstLine the 1-based line number of the batch's first line
 * @param lastLine the 1-based line number of its last line, inclusive; dead-lettered lines inside the range are
 *     counted in it but are in no part
 * @param startOffset the byte offset in the file where the batch starts
 * @param endOffset the byte offset just past its last line's newline: where the next batch starts
 * @param parts the batch's valid lines grouped by the UTC hour of each record's own {@code ts}, in ascending hour
 *     order; empty when every line of the range was dead-lettered
 */
public record Batch(ReadyFile file, long firstLine, long lastLine, long startOffset, long endOffset,
        List<HourPart> parts) {
    public Batch {
        Objects.requireNonNull(file, "file");
        parts = List.copyOf(parts);
        if (firstLine < 1 || lastLine < firstLine) {
            throw new IllegalArgumentException("lines " + firstLine + " to " + lastLine);
        }
        if (startOffset < 0 || endOffset <= startOffset) {
            throw new IllegalArgumentException("bytes " + startOffset + " to " + endOffset);
        }
    }

    /** Valid records in the batch. */
    public int records() {
        int records = 0;
        for (HourPart part : parts) {
            records += part.records();
        }
        return records;
    }

    /** Uncompressed bytes of the valid records, newlines included. */
    public long bytes() {
        long bytes = 0;
        for (HourPart part : parts) {
            bytes += part.length();
        }
        return bytes;
    }
}
