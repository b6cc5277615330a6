package org.fargatedsp.loadtest.bidlog;

import java.util.SplittableRandom;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.NoticeRecord;
import org.fargatedsp.bidlog.RecordType;

/**
 * Bid-log records that look like a busy bidder's, from a seed: mostly no-bids with the usual reasons, a fifth
 * bids on one or two impressions, and win, billing and loss notices, spread evenly over a time span. The same
 * seed gives the same records, so two shippers read the same bytes.
 */
final class SyntheticBidLog {
    private static final String[] EXCHANGES = {"exchange-a", "exchange-b", "exchange-c", "openx", "pubmatic"};
    // Weights in percent of no-bids, roughly what a bidder with a few hundred campaigns sees.
    private static final String[] REASONS = {"no_match", "below_floor", "budget", "blocked", "deadline",
        "unbiddable", "no_consent", "currency", "overloaded"};
    private static final int[] REASON_WEIGHTS = {50, 15, 10, 8, 5, 5, 4, 2, 1};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String VERSION = "1.4.0";

    private final SplittableRandom random;
    private final String taskId;
    private final long startMs;
    private final double msPerRecord;
    private long index;

    /**
     * @param seed the seed
     * @param taskId the task id written in every record
     * @param startMs the {@code ts} of the first record
     * @param spanMs the span the {@code records} records are spread over
     */
    SyntheticBidLog(long seed, String taskId, long startMs, long spanMs, long records) {
        this.random = new SplittableRandom(seed);
        this.taskId = taskId;
        this.startMs = startMs;
        this.msPerRecord = (double) spanMs / Math.max(1, records);
    }

    BidLogRecord next() {
        long ts = startMs + (long) (index++ * msPerRecord);
        int kind = random.nextInt(100);
        if (kind < 68) {
            return noBid(ts);
        }
        if (kind < 86) {
            return bid(ts);
        }
        RecordType type = kind < 92 ? RecordType.WIN : kind < 97 ? RecordType.BILLING : RecordType.LOSS;
        return notice(type, ts);
    }

    private BidRecord noBid(long ts) {
        String reason = reason();
        String exchange = EXCHANGES[random.nextInt(EXCHANGES.length)];
        if (reason.equals("overloaded")) {
            return BidRecord.noBid(ts, null, exchange, new String[0], reason, 20 + random.nextInt(40), false, taskId,
                    VERSION);
        }
        return BidRecord.noBid(ts, id(), exchange, impIds(1 + random.nextInt(3)), reason, 80 + random.nextInt(900),
                random.nextInt(100) == 0, taskId, VERSION);
    }

    private BidRecord bid(long ts) {
        int imps = random.nextInt(4) == 0 ? 2 : 1;
        String[] impIds = impIds(imps);
        BidEntry[] bids = new BidEntry[imps];
        for (int i = 0; i < imps; i++) {
            int campaign = random.nextInt(400);
            bids[i] = new BidEntry(impIds[i], bidId(), "seat-" + random.nextInt(10), campaign(campaign),
                    "cr-" + campaign + "-" + random.nextInt(4), random.nextInt(5) == 0 ? "deal-" + random.nextInt(50)
                    : null, 100_000 + random.nextInt(9_900_000), "USD");
        }
        return BidRecord.bid(ts, id(), EXCHANGES[random.nextInt(EXCHANGES.length)], impIds, bids,
                300 + random.nextInt(4_000), false, taskId, VERSION);
    }

    private NoticeRecord notice(RecordType type, long ts) {
        int campaign = random.nextInt(400);
        long price = 50_000 + random.nextInt(9_000_000);
        return new NoticeRecord(type, ts, id(), "1", bidId(), campaign(campaign), "cr-" + campaign + "-1", price,
                "USD", type == RecordType.LOSS ? 100 + random.nextInt(5) : NoticeRecord.NO_LOSS_REASON, taskId,
                VERSION);
    }

    private String reason() {
        int pick = random.nextInt(100);
        for (int i = 0; i < REASONS.length; i++) {
            pick -= REASON_WEIGHTS[i];
            if (pick < 0) {
                return REASONS[i];
            }
        }
        return REASONS[0];
    }

    private static String campaign(int n) {
        return "campaign-" + (1000 + n);
    }

    private static String[] impIds(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i + 1);
        }
        return ids;
    }

    /** A bid id as the bidder numbers them: the task's sequence, in hex. */
    private String bidId() {
        return "b-" + Long.toHexString(random.nextLong(1L << 40));
    }

    /** A UUID-shaped id, as most exchanges send. */
    private String id() {
        char[] id = new char[36];
        for (int i = 0; i < id.length; i++) {
            id[i] = i == 8 || i == 13 || i == 18 || i == 23 ? '-' : HEX[random.nextInt(16)];
        }
        return new String(id);
    }
}
