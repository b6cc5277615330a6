package org.fargatedsp.bidlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The records of {@code bidlog/golden.jsonl}, built in code, and the file's lines. */
final class Fixtures {
    static final String TASK = "8f03e41243824aea923aca126495f665";
    static final String VERSION = "1.4.0";

    private Fixtures() {}

    static BidRecord givenBid() {
        return BidRecord.bid(1767225600123L, "req-1", "exchange-a", new String[] {"1", "2"},
                new BidEntry[] {new BidEntry("1", "b-1", "seat-7", "c-42", "cr-9", "deal-3", 1_250_000, "USD")},
                850, false, TASK, VERSION);
    }

    static BidRecord givenNoBid() {
        return BidRecord.noBid(1767225600124L, "req-2", null, new String[] {"1"}, "below_floor", 120, true, TASK,
                VERSION);
    }

    static NoticeRecord givenWin() {
        return new NoticeRecord(RecordType.WIN, 1767225601000L, "req-1", "1", "b-1", "c-42", "cr-9", 980_000, "USD",
                NoticeRecord.NO_LOSS_REASON, TASK, VERSION);
    }

    static NoticeRecord givenBillingWithoutPrice() {
        return new NoticeRecord(RecordType.BILLING, 1767225602000L, "req-1", "1", "b-1", "c-42", "cr-9",
                NoticeRecord.NO_PRICE, null, NoticeRecord.NO_LOSS_REASON, TASK, VERSION);
    }

    static NoticeRecord givenLoss() {
        return new NoticeRecord(RecordType.LOSS, 1767225603000L, "req-5", "1", "b-5", "c-42", "cr-9", 2_000_000,
                "USD", 102, TASK, VERSION);
    }

    /** A request shed before it was read: no request id, no impressions, the exchange from the path. */
    static BidRecord givenShed() {
        return BidRecord.noBid(1767225604000L, null, "exchange-a", new String[0], "overloaded", 35, false, TASK,
                VERSION);
    }

    static List<BidLogRecord> goldenRecords() {
        return List.of(givenBid(), givenNoBid(), givenWin(), givenBillingWithoutPrice(), givenLoss(), givenShed());
    }

    static List<String> goldenLines() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/bidlog/golden.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
