package org.fargatedsp.bidlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The invariant {@link RecordScanner} keeps: it accepts a line exactly when the line is valid UTF-8 and
 * {@link BidLogReader#parseLine} accepts it, and then gives the same {@code ts}.
 */
final class Agreement {
    private final RecordScanner scanner = new RecordScanner();

    /** What parseLine makes of the line read as strict UTF-8: its record, or null when it rejects the line. */
    static BidLogRecord reference(byte[] line) {
        if (line.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            return BidLogReader.parseLine(text);
        } catch (BidLogFormatException e) {
            return null;
        }
    }

    /** Null when the two agree on {@code line}, else what differs. */
    String disagreement(byte[] line) {
        BidLogRecord record = reference(line);
        long ts;
        String reason;
        try {
            ts = scanner.ts(line, 0, line.length);
            reason = null;
        } catch (BidLogFormatException e) {
            ts = 0;
            reason = e.getMessage();
        }
        if (record == null && reason == null) {
            return "the scanner accepts a line parseLine rejects: " + show(line);
        }
        if (record != null && reason != null) {
            return "the scanner rejects (" + reason + ") a line parseLine accepts: " + show(line);
        }
        if (record != null && record.ts() != ts) {
            return "ts " + ts + ", parseLine's " + record.ts() + ": " + show(line);
        }
        return null;
    }

    static String show(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        boolean plain = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        return plain ? text : text + " (hex " + HexFormat.of().formatHex(line) + ")";
    }
}
