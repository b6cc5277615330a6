package org.fargatedsp.bidder.bidlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidLogEncoder;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidlog.BidLogReader;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;

/** Records, configs, a settable clock and bounded waits for the bid-log tests. */
final class BidLogTesting {
    static final String TASK = "task1";

    private BidLogTesting() {}

    /** A settable wall clock. */
    /** Where a {@link ManualClock} starts: 2026-01-01T00:00:00Z. */
    static final long START_MS = 1_767_225_600_000L;
    /** The sequence number of the first file a bid log started at {@link #START_MS} opens in an empty directory. */
    static final long FIRST_SEQ = BidLogRecovery.clockSequence(START_MS);

    /** The ready name of the {@code k}-th file (1 for the first) of {@link #TASK} on a {@link ManualClock}. */
    static String ready(int k) {
        return BidLogFileNames.readyName(TASK, FIRST_SEQ + k - 1);
    }

    /** The active name of the {@code k}-th file of {@link #TASK} on a {@link ManualClock}. */
    static String active(int k) {
        return BidLogFileNames.activeName(TASK, FIRST_SEQ + k - 1);
    }

    static final class ManualClock implements java.util.function.LongSupplier {
        private final AtomicLong now = new AtomicLong(START_MS);

        @Override
        public long getAsLong() {
            return now.get();
        }

        void advance(long ms) {
            now.addAndGet(ms);
        }
    }

    static BidLogConfig config(Path dir, int queueCapacity, long maxFileBytes, long maxDiskBytes) {
        return new BidLogConfig(true, dir, queueCapacity, 1L << 30, maxFileBytes, 60_000, maxDiskBytes, 30_000);
    }

    /** A no-bid record whose line is always the same length for the same width of {@code n}. */
    static BidRecord givenNoBid(long n) {
        return BidRecord.noBid(1_767_225_600_000L, "req-" + n, "exchange-a", new String[] {"1"}, "no_match", 100,
                false, TASK, "1.0.0");
    }

    static BidRecord givenBid(long n) {
        return BidRecord.bid(1_767_225_600_000L, "req-" + n, null, new String[] {"1"},
                new BidEntry[] {new BidEntry("1", "b" + n, "seat", "c-1", "cr-1", null, 1_500_000, "USD")}, 100,
                false, TASK, "1.0.0");
    }

    static int lineBytes(BidLogRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BidLogEncoder encoder = new BidLogEncoder(out)) {
            encoder.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    /** Every record of every ready file in {@code dir}, in shipping order. */
    static List<BidLogRecord> readReady(Path dir) throws IOException {
        List<BidLogRecord> all = new ArrayList<>();
        for (Path p : BidLogFileNames.listReady(dir)) {
            all.addAll(BidLogReader.readAll(p));
        }
        return all;
    }

    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Awaitility for {@code what}, bounded as generously as a busy machine needs and polling every millisecond, as
     * the writer thread answers quickly; never a fixed sleep.
     */
    static ConditionFactory eventually(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1));
    }
}
