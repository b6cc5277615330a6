package org.fargatedsp.bidder;

/** Entry point of the bidder process. */
public final class BidderMain {
    private BidderMain() {}

    public static void main(String[] args) {
    }
}
