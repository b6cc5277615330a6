package org.fargatedsp.shipper.sink;

import java.util.Arrays;
import java.util.List;
import org.fargatedsp.shipper.channel.HourPart;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Cuts a batch's lines into Firehose records of whole lines, each as close to the record limit as the lines allow,
 * since Firehose bills every record in 5 KB steps: packing hundreds of lines into a record is what makes it cheap.
 * A line is never split. Records are cut one at a time, as the calls need them, so a batch is never held twice.
 */
final class FirehoseRecords {
    private final List<HourPart> parts;
    private final int maxRecordBytes;
    private int part;
    private int offset;

    FirehoseRecords(List<HourPart> parts, int maxRecordBytes) {
        this.parts = parts;
        this.maxRecordBytes = maxRecordBytes;
    }

    boolean hasNext() {
        while (part < parts.size() && offset == parts.get(part).length()) {
            part++;
            offset = 0;
        }
        return part < parts.size();
    }

    /** The next record: the most whole lines from here that fit in the limit; call only when {@link #hasNext()}. */
    SdkBytes next() {
        HourPart current = parts.get(part);
        byte[] lines = current.lines();
        int end = current.length();
        if (end - offset > maxRecordBytes) {
            // The last newline within the limit ends the record (lines end in \n, so one is always near).
            end = offset + maxRecordBytes;
            while (end > offset && lines[end - 1] != '\n') {
                end--;
            }
            if (end == offset) {
                throw new SinkException("a line at byte " + offset + " of an hour part is longer than Firehose's"
                        + " record limit of " + maxRecordBytes + " bytes");
            }
        }
        SdkBytes record = SdkBytes.fromByteArrayUnsafe(Arrays.copyOfRange(lines, offset, end));
        offset = end;
        return record;
    }
}
