package org.fargatedsp.shipper.source;

/** Where the reader sends a line that fails the schema: the dead-letter file, and its counter. */
public interface BadLineSink {
    /** Takes {@code line[offset, offset + length)}, line {@code lineNumber} of {@code fileName}, and why it failed. */
    void badLine(String fileName, long lineNumber, byte[] line, int offset, int length, String reason);
}
