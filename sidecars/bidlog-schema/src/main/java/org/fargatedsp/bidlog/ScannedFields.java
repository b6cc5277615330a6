package org.fargatedsp.bidlog;

import java.nio.charset.StandardCharsets;

/**
 * What {@link RecordScanner} keeps of a line's fields while it reads them (the last of a field given twice wins, as
 * in {@link RecordParser}), and the checks {@link RecordParser} and the record constructors make once the line is
 * read: the fields each type and outcome requires, and the rules that tie them together.
 */
final class ScannedFields {
    // Top-level fields, as RecordParser.readField knows them; the index in TOP is the id.
    static final int SCHEMA_VERSION = 0;
    static final int TYPE = 1;
    static final int TS = 2;
    static final int REQUEST_ID = 3;
    static final int EXCHANGE = 4;
    static final int IMP_IDS = 5;
    static final int OUTCOME = 6;
    static final int REASON = 7;
    static final int BIDS = 8;
    static final int PROCESSING_US = 9;
    static final int TEST = 10;
    static final int TASK_ID = 11;
    static final int VERSION = 12;
    static final int IMP_ID = 13;
    static final int BID_ID = 14;
    static final int CAMPAIGN_ID = 15;
    static final int CREATIVE_ID = 16;
    static final int PRICE = 17;
    static final int CUR = 18;
    static final int LOSS_REASON = 19;
    static final int UNKNOWN = 20;
    private static final String[] TOP_NAMES = {Fields.SCHEMA_VERSION, Fields.TYPE, Fields.TS, Fields.REQUEST_ID,
        Fields.EXCHANGE, Fields.IMP_IDS, Fields.OUTCOME, Fields.REASON, Fields.BIDS, Fields.PROCESSING_US,
        Fields.TEST, Fields.TASK_ID, Fields.VERSION, Fields.IMP_ID, Fields.BID_ID, Fields.CAMPAIGN_ID,
        Fields.CREATIVE_ID, Fields.PRICE, Fields.CUR, Fields.LOSS_REASON};
    static final byte[][] TOP = ascii(TOP_NAMES);

    // Fields of a bids[] entry, as RecordParser.bids knows them.
    static final int ENTRY_PRICE = 6;
    static final int ENTRY_UNKNOWN = 8;
    private static final String[] ENTRY_NAMES = {Fields.IMP_ID, Fields.BID_ID, Fields.SEAT, Fields.CAMPAIGN_ID,
        Fields.CREATIVE_ID, Fields.DEAL_ID, Fields.PRICE, Fields.CUR};
    static final byte[][] ENTRY = ascii(ENTRY_NAMES);
    private static final int ENTRY_REQUIRED = 1 << 0 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << ENTRY_PRICE | 1 << 7;

    /** A code field that is absent or null. */
    static final int ABSENT = -1;
    static final byte[][] TYPES = ascii(RecordType.BID.code(), RecordType.WIN.code(), RecordType.BILLING.code(),
            RecordType.LOSS.code());
    private static final int BID = 0;
    private static final int LOSS = 3;
    static final byte[][] OUTCOMES = ascii(Outcome.BID.code(), Outcome.NOBID.code());
    private static final int OUTCOME_BID = 0;
    private static final int OUTCOME_NOBID = 1;

    /** An index in {@link #TYPES}, {@code TYPES.length} for an unknown code, or {@link #ABSENT}. */
    int type;
    /** An index in {@link #OUTCOMES}, {@code OUTCOMES.length} for an unknown code, or {@link #ABSENT}. */
    int outcome;
    /** A bit per field id whose last value was not null. */
    private int given;
    /** The integer fields' last values, and the entries of the last {@code bids}, by field id. */
    private final long[] values = new long[UNKNOWN];

    void reset() {
        type = ABSENT;
        outcome = ABSENT;
        given = 0;
    }

    void set(int id, boolean present, long value) {
        given = present ? given | 1 << id : given & ~(1 << id);
        values[id] = value;
    }

    long value(int id) {
        return values[id];
    }

    private boolean has(int id) {
        return (given & 1 << id) != 0;
    }

    static String nameOf(int id) {
        return TOP_NAMES[id];
    }

    static String entryNameOf(int id) {
        return "bids[]." + ENTRY_NAMES[id];
    }

    /** What the {@code BidEntry} built from a bid with these fields (a bit per entry field id) requires. */
    static void checkEntry(int seen, JsonBytes j) {
        if ((seen & ENTRY_REQUIRED) != ENTRY_REQUIRED) {
            int missing = Integer.numberOfTrailingZeros(ENTRY_REQUIRED & ~seen);
            throw j.fail("missing required field " + entryNameOf(missing));
        }
    }

    /** What {@code RecordParser.build} and the record constructors require of the whole line. */
    void validate() {
        require(SCHEMA_VERSION);
        long schemaVersion = values[SCHEMA_VERSION];
        if (schemaVersion < 1 || schemaVersion > BidLogRecord.SCHEMA_VERSION) {
            throw fail("schema_version " + schemaVersion + " is not supported");
        }
        if (type == ABSENT) {
            throw missing(TYPE);
        }
        if (type == TYPES.length) {
            throw fail("unknown type");
        }
        require(TS);
        require(TASK_ID);
        require(VERSION);
        if (type == BID) {
            validateBid();
            return;
        }
        require(REQUEST_ID);
        require(IMP_ID);
        require(BID_ID);
        require(CAMPAIGN_ID);
        require(CREATIVE_ID);
        if (has(LOSS_REASON)) {
            long lossReason = values[LOSS_REASON];
            if (lossReason < 0 || lossReason > Integer.MAX_VALUE) {
                throw fail("loss_reason is out of range: " + lossReason);
            }
            if (type != LOSS) {
                throw fail("only a loss notice has a loss_reason");
            }
        }
    }

    private void validateBid() {
        if (outcome == ABSENT) {
            throw missing(OUTCOME);
        }
        if (outcome == OUTCOMES.length) {
            throw fail("unknown outcome");
        }
        if (outcome == OUTCOME_BID) {
            require(REQUEST_ID);
        }
        require(IMP_IDS);
        require(BIDS);
        require(PROCESSING_US);
        require(TEST);
        long bids = values[BIDS];
        if (outcome == OUTCOME_BID && (bids == 0 || has(REASON))) {
            throw fail("a bid has at least one bid and no reason");
        }
        if (outcome == OUTCOME_NOBID && (bids != 0 || !has(REASON))) {
            throw fail("a no-bid has a reason and no bids");
        }
    }

    private void require(int id) {
        if (!has(id)) {
            throw missing(id);
        }
    }

    private static BidLogFormatException missing(int id) {
        return fail("missing required field " + TOP_NAMES[id]);
    }

    private static BidLogFormatException fail(String reason) {
        return new BidLogFormatException(reason, null);
    }

    private static byte[][] ascii(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
