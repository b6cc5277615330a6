package org.fargatedsp.shipper.channel;

import java.util.Objects;

/**
 * A bid-log file the shipper reads: the ready file {@code bids-<task>-<seq>.jsonl}, or the complete lines of a dead
 * bidder's {@code .active} file, which carry the same task and sequence.
 *
 * @param taskId the sanitized task id from the file's name
 * @param sequence the file's sequence number within its task
 * @param name the file's name, as found in {@code BID_LOG_DIR}
 */
public record ReadyFile(String taskId, long sequence, String name) {
    public ReadyFile {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(name, "name");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
    }
}
