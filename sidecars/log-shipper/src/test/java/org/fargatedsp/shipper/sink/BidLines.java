package org.fargatedsp.shipper.sink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidLogEncoder;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.channel.ReadyFile;

/**
 * Bid-log lines as the bidder writes them (through the shared encoder), about 330 bytes each, a third of them
 * bids, and batches made of them; plus the helpers that read objects and records back.
 */
final class BidLines {
    /** 2026-12-01T10:00Z, in hours since the epoch. */
    static final long HOUR = java.time.LocalDateTime.of(2026, 12, 1, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC)
            / 3600;
    private static final String[] EXCHANGES = {"adx", "openx", "pubmatic", "magnite", "index"};
    private static final String[] REASONS = {"NO_MATCHING_CAMPAIGN", "BELOW_FLOOR", "BUDGET_EXHAUSTED", "TIMEOUT"};

    private BidLines() {}

    /** {@code count} lines whose {@code ts} fall in {@code epochHour}, from {@code seed}. */
    static byte[] lines(long epochHour, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 340);
        try (BidLogEncoder encoder = new BidLogEncoder(out)) {
            for (int i = 0; i < count; i++) {
                long ts = epochHour * 3_600_000L + random.nextLong(3_600_000L);
                String id = Long.toHexString(random.nextLong()) + "-" + Long.toHexString(random.nextLong());
                String exchange = EXCHANGES[random.nextInt(EXCHANGES.length)];
                String[] imps = {"imp-" + random.nextInt(4)};
                long processing = 80 + random.nextInt(900);
                if (random.nextInt(3) == 0) {
                    BidEntry entry = new BidEntry(imps[0], "bid-" + Long.toHexString(random.nextLong()), "seat-1",
                            "campaign-" + random.nextInt(40), "creative-" + random.nextInt(200),
                            random.nextInt(5) == 0 ? "deal-" + random.nextInt(10) : null,
                            500_000L + random.nextInt(4_000_000), "USD");
                    encoder.write(BidRecord.bid(ts, id, exchange, imps, new BidEntry[] {entry}, processing, false,
                            "task-0f3c9a71b2d84e5f", "1.4.2"));
                } else {
                    encoder.write(BidRecord.noBid(ts, id, exchange, imps, REASONS[random.nextInt(REASONS.length)],
                            processing, false, "task-0f3c9a71b2d84e5f", "1.4.2"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static HourPart part(long epochHour, int count, long seed) {
        byte[] lines = lines(epochHour, count, seed);
        return new HourPart(epochHour, lines, lines.length, count);
    }

    /** Lines of {@code lineBytes} random hex each: gzip leaves them nearly their size, to force multipart uploads. */
    static HourPart incompressible(long epochHour, int count, int lineBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] lines = new byte[count * lineBytes];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = (i + 1) % lineBytes == 0 ? (byte) '\n' : (byte) "0123456789abcdef".charAt(random.nextInt(16));
        }
        return new HourPart(epochHour, lines, lines.length, count);
    }

    /** A batch of file {@code sequence} of one task, holding {@code parts}, lines numbered from {@code firstLine}. */
    static Batch batch(long sequence, long firstLine, HourPart... parts) {
        int records = 0;
        long bytes = 0;
        for (HourPart part : parts) {
            records += part.records();
            bytes += part.length();
        }
        return new Batch(new ReadyFile("task-0f3c9a71b2d84e5f", sequence, "bids-task-0f3c9a71b2d84e5f-" + sequence
                + ".jsonl"), firstLine, firstLine + records - 1, 1000, 1000 + bytes, List.of(parts));
    }

    static byte[] bytesOf(HourPart part) {
        return java.util.Arrays.copyOf(part.lines(), part.length());
    }

    static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records' bytes one after the other. */
    static byte[] concat(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The lines of {@code bytes}, each without its newline. */
    static List<String> split(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new String(bytes, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return lines;
    }
}
