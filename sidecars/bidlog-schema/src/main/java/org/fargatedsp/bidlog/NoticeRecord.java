package org.fargatedsp.bidlog;

/**
 * The bid-log line for one win, billing or loss notice received from an exchange (OpenRTB 2.6 section 4.4).
 *
 * @param type {@link RecordType#WIN}, {@link RecordType#BILLING} or {@link RecordType#LOSS}
 * @param ts when the notice was received, epoch milliseconds
 * @param requestId the {@code BidRequest.id} the notice is about ({@code ${AUCTION_ID}})
 * @param impId the {@code Imp.id} ({@code ${AUCTION_IMP_ID}})
 * @param bidId the {@code Bid.id} ({@code ${AUCTION_BID_ID}})
 * @param campaignId the bidder's campaign id, carried in the notice URL the bidder built
 * @param creativeId the bidder's creative id
 * @param priceMicros the clearing price ({@code ${AUCTION_PRICE}}) in micros, or {@link #NO_PRICE}
 * @param cur the ISO-4217 currency of the price, or null when there is no price
 * @param lossReason the OpenRTB loss reason code ({@code ${AUCTION_LOSS}}, list 5.25) on a loss notice,
 *                   otherwise {@link #NO_LOSS_REASON}
 * @param taskId the ECS task id of the bidder
 * @param version the bidder's version
 */
public record NoticeRecord(RecordType type, long ts, String requestId, String impId, String bidId, String campaignId,
                           String creativeId, long priceMicros, String cur, int lossReason, String taskId,
                           String version) implements BidLogRecord {
    /** The {@code priceMicros} of a notice that carried no clearing price; written as {@code null}. */
    public static final long NO_PRICE = -1;
    /** The {@code lossReason} of a win or billing notice, or of a loss notice without a code; written as null. */
    public static final int NO_LOSS_REASON = -1;

    /** Checks what the schema requires of a notice. */
    public NoticeRecord {
        if (type == null || type == RecordType.BID) {
            throw new IllegalArgumentException("a notice's type is win, billing or loss, not " + type);
        }
        Require.nonNull(requestId, "request_id");
        Require.nonNull(impId, "imp_id");
        Require.nonNull(bidId, "bid_id");
        Require.nonNull(campaignId, "campaign_id");
        Require.nonNull(creativeId, "creative_id");
        Require.nonNull(taskId, "task_id");
        Require.nonNull(version, "version");
        if (priceMicros < NO_PRICE) {
            throw new IllegalArgumentException("price must not be negative: " + priceMicros + " micros");
        }
        if (lossReason < NO_LOSS_REASON) {
            throw new IllegalArgumentException("loss_reason must not be negative: " + lossReason);
        }
        if (lossReason != NO_LOSS_REASON && type != RecordType.LOSS) {
            throw new IllegalArgumentException("only a loss notice has a loss_reason");
        }
    }

    /** Whether the notice carried a clearing price. */
    public boolean hasPrice() {
        return priceMicros != NO_PRICE;
    }
}
