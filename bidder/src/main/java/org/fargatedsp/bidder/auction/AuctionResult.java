package org.fargatedsp.bidder.auction;

/**
 * The outcome of one auction: the chosen bids (at most one per impression) or the reason for no bid. One
 * instance per event-loop thread, overwritten by each request, so deciding allocates nothing.
 */
public final class AuctionResult {
    private int[] impIndex = new int[8];
    private int[] entry = new int[8];
    private String[] dealId = new String[8];
    private long[] priceMicros = new long[8];
    private int bids;
    private NoBidReason reason;
    /** Set while scanning: a candidate failed only on price, or only on budget. */
    boolean sawFloor;
    boolean sawBudget;
    /** The best candidate of the impression being decided. */
    int bestEntry;
    org.fargatedsp.bidder.openrtb.Deal bestDeal;
    long bestPrice;

    void reset() {
        sawFloor = false;
        sawBudget = false;
        bestDeal = null;
        for (int i = 0; i < bids; i++) {
            dealId[i] = null;
        }
        bids = 0;
        reason = null;
    }

    void add(int imp, int indexEntry, String deal, long price) {
        if (bids == entry.length) {
            int capacity = bids * 2;
            impIndex = java.util.Arrays.copyOf(impIndex, capacity);
            entry = java.util.Arrays.copyOf(entry, capacity);
            dealId = java.util.Arrays.copyOf(dealId, capacity);
            priceMicros = java.util.Arrays.copyOf(priceMicros, capacity);
        }
        impIndex[bids] = imp;
        entry[bids] = indexEntry;
        dealId[bids] = deal;
        priceMicros[bids] = price;
        bids++;
    }

    void noBid(NoBidReason why) {
        this.reason = why;
    }

    /** Number of bids; 0 means no bid, see {@link #reason()}. */
    public int bids() {
        return bids;
    }

    /** Position in {@code request.imp} of bid {@code i}'s impression. */
    public int impIndex(int i) {
        return impIndex[i];
    }

    /** Campaign index entry (campaign and creative) of bid {@code i}. */
    public int entry(int i) {
        return entry[i];
    }

    /** Deal id of bid {@code i}, or null in the open auction. */
    public String dealId(int i) {
        return dealId[i];
    }

    public long priceMicros(int i) {
        return priceMicros[i];
    }

    /** Why there is no bid; null when there are bids. */
    public NoBidReason reason() {
        return bids > 0 ? null : reason;
    }
}
