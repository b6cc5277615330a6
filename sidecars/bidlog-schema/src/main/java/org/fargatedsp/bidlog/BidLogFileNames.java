package org.fargatedsp.bidlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The names of bid-log files. The bidder appends to one active file, {@code bids-<task>-<seq>.jsonl.active}, and
 * when it rotates renames it atomically to the ready name {@code bids-<task>-<seq>.jsonl}, which the shipper picks
 * up and which is never modified again. {@code seq} is zero-padded to 10 digits so names of one task sort in
 * writing order.
 */
public final class BidLogFileNames {
    /** Every bid-log file name starts with this. */
    public static final String PREFIX = "bids-";
    /** The suffix of a ready (rotated, complete) file. */
    public static final String READY_SUFFIX = ".jsonl";
    /** The suffix of the file the bidder is writing. */
    public static final String ACTIVE_SUFFIX = ".jsonl.active";

    private static final int SEQ_DIGITS = 10;
    private static final long MAX_SEQ = 9_999_999_999L;

    /** Orders ready files by task id, then by sequence number. */
    public static final Comparator<Path> READY_ORDER = Comparator
            .comparing((Path p) -> taskIdOf(p.getFileName().toString()))
            .thenComparingLong(p -> sequenceOf(p.getFileName().toString()));

    private BidLogFileNames() {}

    /** A task id safe in a file name: letters, digits, {@code .}, {@code _} and {@code -}; others become {@code _}. */
    public static String sanitizeTaskId(String taskId) {
        if (taskId == null || taskId.isEmpty()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(taskId.length());
        for (int i = 0; i < taskId.length(); i++) {
            char c = taskId.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            sb.append(safe ? c : '_');
        }
        return sb.toString();
    }

    /** The ready name of file {@code seq} of a task. */
    public static String readyName(String taskId, long seq) {
        return PREFIX + sanitizeTaskId(taskId) + '-' + paddedSeq(seq) + READY_SUFFIX;
    }

    /** The active name of file {@code seq} of a task. */
    public static String activeName(String taskId, long seq) {
        return PREFIX + sanitizeTaskId(taskId) + '-' + paddedSeq(seq) + ACTIVE_SUFFIX;
    }

    /** The ready name an active file is renamed to. */
    public static String readyNameOf(String activeName) {
        if (!isActive(activeName)) {
            throw new IllegalArgumentException("not an active bid-log file name: " + activeName);
        }
        return activeName.substring(0, activeName.length() - ACTIVE_SUFFIX.length()) + READY_SUFFIX;
    }

    /** Whether {@code name} is a ready file, complete and safe to ship. */
    public static boolean isReady(String name) {
        return sequenceOf(name, READY_SUFFIX) >= 0;
    }

    /** Whether {@code name} is an active file, still being written: never ship it. */
    public static boolean isActive(String name) {
        return sequenceOf(name, ACTIVE_SUFFIX) >= 0;
    }

    /** The sequence number of a ready or active file name, or -1 when the name is neither. */
    public static long sequenceOf(String name) {
        long seq = sequenceOf(name, READY_SUFFIX);
        return seq >= 0 ? seq : sequenceOf(name, ACTIVE_SUFFIX);
    }

    /** The (sanitized) task id of a ready or active file name, or null when the name is neither. */
    public static String taskIdOf(String name) {
        if (sequenceOf(name) < 0) {
            return null;
        }
        String suffix = name.endsWith(READY_SUFFIX) ? READY_SUFFIX : ACTIVE_SUFFIX;
        return name.substring(PREFIX.length(), name.length() - suffix.length() - SEQ_DIGITS - 1);
    }

    /** The ready files in {@code dir} in shipping order (task, then sequence); active files are left out. */
    public static List<Path> listReady(Path dir) throws IOException {
        List<Path> ready = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (isReady(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    ready.add(p);
                }
            }
        }
        ready.sort(READY_ORDER);
        return ready;
    }

    private static String paddedSeq(long seq) {
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("sequence number out of range: " + seq);
        }
        String digits = Long.toString(seq);
        return "0".repeat(SEQ_DIGITS - digits.length()) + digits;
    }

    private static long sequenceOf(String name, String suffix) {
        int seqEnd = name.length() - suffix.length();
        int seqStart = seqEnd - SEQ_DIGITS;
        // prefix, at least one task-id char, '-', 10 digits, suffix
        if (!name.startsWith(PREFIX) || !name.endsWith(suffix) || seqStart - 1 <= PREFIX.length()
                || name.charAt(seqStart - 1) != '-') {
            return -1;
        }
        long seq = 0;
        for (int i = seqStart; i < seqEnd; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seq = seq * 10 + (c - '0');
        }
        return seq;
    }
}
