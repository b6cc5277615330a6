package org.fargatedsp.bidder.campaign;

/** The kind of ad a creative is, with its OpenRTB 2.6 {@code mtype} value (spec 3.2.21, list 5.9 of 2.6). */
public enum MediaType {
    BANNER(1),
    VIDEO(2),
    AUDIO(3),
    NATIVE(4);

    private final int mtype;

    MediaType(int mtype) {
        this.mtype = mtype;
    }

    /** The value of {@code bid.mtype}. */
    public int mtype() {
        return mtype;
    }
}
