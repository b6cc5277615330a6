package org.fargatedsp.shipper.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.fargatedsp.bidlog.BidLogEncoder;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.channel.ReadyFile;
import org.fargatedsp.shipper.sink.ObjectLayout;

/**
 * Writes bid-log records into a directory as the shipper's local sink lays them out: the file's lines cut into
 * batches, each batch's lines grouped by the UTC hour of their {@code ts}, one gzip object per part at the key
 * {@link ObjectLayout} gives it.
 */
final class ShippedObjects {
    private static final long HOUR_MS = 3_600_000;

    private final Path root;
    private final ObjectLayout layout;
    private final List<String> keys = new ArrayList<>();

    ShippedObjects(Path root, String prefix) {
        this.root = root;
        this.layout = new ObjectLayout(prefix);
    }

    /** Ships the records of one ready file, {@code batchLines} lines a batch. */
    void ship(ReadyFile file, int batchLines, List<BidLogRecord> records) throws IOException {
        long offset = 0;
        for (int first = 0; first < records.size(); first += batchLines) {
            List<BidLogRecord> lines = records.subList(first, Math.min(records.size(), first + batchLines));
            TreeMap<Long, ByteArrayOutputStream> hours = new TreeMap<>();
            TreeMap<Long, Integer> counts = new TreeMap<>();
            long bytes = 0;
            for (BidLogRecord record : lines) {
                long hour = Math.floorDiv(record.ts(), HOUR_MS);
                byte[] line = encode(record);
                hours.computeIfAbsent(hour, h -> new ByteArrayOutputStream()).write(line);
                counts.merge(hour, 1, Integer::sum);
                bytes += line.length;
            }
            List<HourPart> parts = new ArrayList<>();
            hours.forEach((hour, out) -> parts.add(new HourPart(hour, out.toByteArray(), out.size(), counts.get(hour))));
            Batch batch = new Batch(file, first + 1, first + lines.size(), offset, offset + bytes, parts);
            offset += bytes;
            for (HourPart part : batch.parts()) {
                write(layout.key(batch, part), part);
            }
        }
    }

    /** The keys written so far. */
    List<String> keys() {
        return List.copyOf(keys);
    }

    private void write(String key, HourPart part) throws IOException {
        Path object = root.resolve(key);
        Files.createDirectories(object.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(object))) {
            out.write(part.lines(), 0, part.length());
        }
        keys.add(key);
    }

    private static byte[] encode(BidLogRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BidLogEncoder encoder = new BidLogEncoder(out)) {
            encoder.write(record);
        }
        return out.toByteArray();
    }
}
