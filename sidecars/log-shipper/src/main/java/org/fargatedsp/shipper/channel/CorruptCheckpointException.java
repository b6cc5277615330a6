package org.fargatedsp.shipper.channel;

import java.nio.file.Path;

/**
 * A checkpoint file that cannot be trusted: the shipper refuses to start rather than ship the file again from its
 * start or skip part of it unseen. README, "Log shipper", says how to recover.
 */
public final class CorruptCheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptCheckpointException(Path file, String reason) {
        super("corrupt checkpoint " + file + ": " + reason + " (README, \"Log shipper\": a corrupt checkpoint)");
        this.file = file;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }
}
