package org.fargatedsp.shipper.channel;

/**
 * How much of one bid-log file the sink has acknowledged: every line before {@code offset}, which is a batch
 * boundary, so reading on from it cuts the same batches as before.
 *
 * @param readyName the file's ready name, {@code bids-<task>-<seq>.jsonl}, whatever name it was read under
 * @param offset bytes acknowledged from the file's start
 * @param lines lines acknowledged: the next batch starts at line {@code lines + 1}
 */
public record Checkpoint(String readyName, long offset, long lines) {
    public Checkpoint {
        if (offset < 0 || lines < 0 || (offset == 0) != (lines == 0)) {
            throw new IllegalArgumentException(lines + " lines in " + offset + " bytes");
        }
    }

    /** Nothing acknowledged yet. */
    public static Checkpoint start(String readyName) {
        return new Checkpoint(readyName, 0, 0);
    }
}
