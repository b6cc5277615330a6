package org.fargatedsp.shipper.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fargatedsp.bidlog.BidLogFormatException;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.channel.ReadyFile;

/**
 * Cuts one bid-log file into batches, from a line boundary (the file's start, or a checkpoint) to its end. A batch
 * ends before the line that would take its lines past {@code maxBytes}, or before the first record whose {@code ts}
 * is more than {@code maxAgeMs} after the batch's first record's: both follow from the bytes alone, so a file read
 * again after a crash is cut at the same lines. Each line is checked; a bad one (a partial last line too) goes to
 * the {@link BadLineSink} and stays in the batch's line range but in none of its parts. Bytes are read straight into
 * the array a one-hour batch hands to its part, so the common batch is never copied.
 */
public final class BatchReader {
    /** Lines longer than this go to the dead-letter file: Firehose takes at most 1,000 KiB per record. */
    public static final int MAX_LINE_BYTES = 1000 * 1024;
    /** What the dead-letter file keeps of a line too long to keep whole. */
    static final int KEPT_OF_LONG_LINE = 64 * 1024;
    private static final int READ_CHUNK = 256 * 1024;
    private static final long NONE = Long.MIN_VALUE;
    // Year 9999's last millisecond: the object layout writes four-digit years.
    private static final long MAX_TS = 253_402_300_799_999L;

    private final ReadyFile file;
    private final FileChannel channel;
    private final long maxBytes;
    private final long maxAgeMs;
    private final int maxLineBytes;
    private final LineCheck check;
    private final BadLineSink bad;
    private final long size;
    private byte[] buf;
    private int filled;
    private int searched;
    private long batchStart;
    private long nextLine;
    private boolean eof;
    private int[] ends = new int[1024];
    private long[] hours = new long[1024];
    // A line checked and then left for the next batch: its verdict, so it is checked (and dead-lettered) once.
    private boolean carried;
    private long carriedTs;
    private String carriedReason;
    private long lastFirstTs = Long.MAX_VALUE;

    /**
     * A reader of {@code channel} from byte {@code offset}, where line {@code firstLine} starts.
     *
     * @param maxBytes cut before a batch's lines pass this many bytes
     * @param maxAgeMs cut at the first record more than this after the batch's first
     */
    public BatchReader(ReadyFile file, FileChannel channel, long offset, long firstLine, long maxBytes,
            long maxAgeMs, LineCheck check, BadLineSink bad) throws IOException {
        this.file = file;
        this.channel = channel;
        this.batchStart = offset;
        this.nextLine = firstLine;
        this.maxBytes = maxBytes;
        this.maxAgeMs = maxAgeMs;
        this.maxLineBytes = (int) Math.min(maxBytes, MAX_LINE_BYTES);
        this.check = check;
        this.bad = bad;
        // Ready files never change, and a dead writer's file is locked against its next start while it is read.
        this.size = channel.size();
        this.buf = new byte[capacity()];
    }

    /** The next batch, or null at the end of the file. */
    public Batch next() throws IOException {
        int lines = 0;
        int scan = 0;
        long firstTs = NONE;
        while (true) {
            int nl = indexOfNewline(Math.max(scan, searched));
            if (nl < 0 && !eof) {
                if (filled - scan >= maxLineBytes) {
                    return lines > 0 ? cut(lines, scan, firstTs) : overlong();
                }
                searched = filled;
                fill();
                continue;
            }
            if (nl < 0 && scan == filled) {
                return lines == 0 ? null : cut(lines, scan, firstTs);
            }
            int contentEnd = nl >= 0 ? nl : filled;
            int end = nl >= 0 ? nl + 1 : filled;
            long ts = NONE;
            String reason;
            if (carried) {
                carried = false;
                ts = carriedTs;
                reason = carriedReason;
            } else if (nl < 0) {
                reason = "partial last line: no line break before the end of the file";
            } else if (end - scan > maxLineBytes) {
                reason = longLine();
            } else {
                reason = null;
                try {
                    ts = check.ts(buf, scan, contentEnd - scan);
                    if (ts < 0 || ts > MAX_TS) {
                        reason = "ts " + ts + " is out of range (0 to " + MAX_TS + ")";
                    }
                } catch (BidLogFormatException e) {
                    reason = e.getMessage();
                }
            }
            boolean tooOld = reason == null && firstTs != NONE && ts - firstTs > maxAgeMs;
            if (lines > 0 && (end > maxBytes || tooOld)) {
                carried = true;
                carriedTs = ts;
                carriedReason = reason;
                return cut(lines, scan, firstTs);
            }
            if (lines == ends.length) {
                ends = Arrays.copyOf(ends, lines * 2);
                hours = Arrays.copyOf(hours, lines * 2);
            }
            if (reason == null) {
                if (firstTs == NONE) {
                    firstTs = ts;
                }
                hours[lines] = Math.floorDiv(ts, 3_600_000L);
            } else {
                bad.badLine(file.name(), nextLine + lines, buf, scan, Math.min(contentEnd - scan, KEPT_OF_LONG_LINE),
                        reason);
                hours[lines] = NONE;
            }
            ends[lines++] = end;
            scan = end;
            if (nl < 0) {
                return cut(lines, scan, firstTs);
            }
        }
    }

    /** Where the next batch starts: the end of the last batch returned. */
    public long offset() {
        return batchStart;
    }

    /** The {@code ts} of the first valid record of the last batch returned, or {@code Long.MAX_VALUE}. */
    public long firstTs() {
        return lastFirstTs;
    }

    private Batch cut(int lines, int length, long firstTs) {
        lastFirstTs = firstTs == NONE ? Long.MAX_VALUE : firstTs;
        Batch batch = new Batch(file, nextLine, nextLine + lines - 1, batchStart, batchStart + length,
                parts(lines, length));
        boolean handedOver = !batch.parts().isEmpty() && batch.parts().get(0).lines() == buf;
        int leftover = filled - length;
        batchStart += length;
        nextLine += lines;
        byte[] next = handedOver ? new byte[Math.max(capacity(), leftover + READ_CHUNK)] : buf;
        System.arraycopy(buf, length, next, 0, leftover);
        buf = next;
        filled = leftover;
        searched = 0;
        return batch;
    }

    private List<HourPart> parts(int lines, int length) {
        long first = NONE;
        boolean oneHourAllGood = true;
        for (int i = 0; i < lines; i++) {
            long h = hours[i];
            if (h == NONE || (first != NONE && h != first)) {
                oneHourAllGood = false;
            }
            if (first == NONE) {
                first = h;
            }
        }
        if (oneHourAllGood) {
            return List.of(new HourPart(first, buf, length, lines));
        }
        long[] distinct = new long[lines];
        int n = 0;
        for (int i = 0; i < lines; i++) {
            if (hours[i] != NONE) {
                distinct[n++] = hours[i];
            }
        }
        Arrays.sort(distinct, 0, n);
        List<HourPart> parts = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            if (d > 0 && distinct[d] == distinct[d - 1]) {
                continue;
            }
            parts.add(part(distinct[d], lines));
        }
        return parts;
    }

    private HourPart part(long hour, int lines) {
        int size = 0;
        int records = 0;
        for (int i = 0; i < lines; i++) {
            if (hours[i] == hour) {
                size += ends[i] - (i == 0 ? 0 : ends[i - 1]);
                records++;
            }
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (int i = 0; i < lines; i++) {
            if (hours[i] == hour) {
                int start = i == 0 ? 0 : ends[i - 1];
                System.arraycopy(buf, start, bytes, at, ends[i] - start);
                at += ends[i] - start;
            }
        }
        return new HourPart(hour, bytes, size, records);
    }

    /** A line of {@code maxLineBytes} or more at the buffer's start: dead-letter its head, skip to its end. */
    private Batch overlong() throws IOException {
        bad.badLine(file.name(), nextLine, buf, 0, Math.min(filled, KEPT_OF_LONG_LINE), longLine());
        long position = batchStart + filled;
        int nl;
        while (true) {
            int n = channel.read(ByteBuffer.wrap(buf, 0, Math.min(READ_CHUNK, buf.length)), position);
            if (n < 0) {
                filled = 0;
                nl = -1;
                break;
            }
            filled = n;
            nl = indexOf(buf, 0, n);
            if (nl >= 0) {
                break;
            }
            position += n;
        }
        long end = nl < 0 ? position : position + nl + 1;
        Batch batch = new Batch(file, nextLine, nextLine, batchStart, end, List.of());
        lastFirstTs = Long.MAX_VALUE;
        int leftover = nl < 0 ? 0 : filled - nl - 1;
        System.arraycopy(buf, filled - leftover, buf, 0, leftover);
        filled = leftover;
        searched = 0;
        eof = nl < 0;
        batchStart = end;
        nextLine++;
        return batch;
    }

    private String longLine() {
        return "line longer than " + maxLineBytes + " bytes; at most the first " + KEPT_OF_LONG_LINE
                + " are kept here";
    }

    private void fill() throws IOException {
        if (buf.length - filled < READ_CHUNK / 4) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, filled + READ_CHUNK));
        }
        // A read's worth at a time: the JDK copies a heap buffer's read through a direct buffer of the read's size,
        // and keeps that buffer for the thread.
        int n = channel.read(ByteBuffer.wrap(buf, filled, Math.min(READ_CHUNK, buf.length - filled)),
                batchStart + filled);
        if (n < 0) {
            eof = true;
        } else {
            filled += n;
        }
    }

    private int indexOfNewline(int from) {
        return indexOf(buf, from, filled);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // A batch's bytes plus a read's worth, but no more than the file still holds: a small file takes a small array.
    private int capacity() {
        long remaining = Math.max(0, size - batchStart);
        return (int) Math.max(1024, Math.min(maxBytes + READ_CHUNK, remaining + 1));
    }
}
