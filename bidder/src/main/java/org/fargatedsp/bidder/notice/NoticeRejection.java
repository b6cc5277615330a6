package org.fargatedsp.bidder.notice;

/**
 * Why a notice was refused with {@code 403}: it is not one the bidder signed, or its price is not one the
 * exchange could have cleared (README, "Notices"). {@link #tag()} is the {@code reason} tag of
 * {@code dsp.bidder.notices.rejected}.
 */
public enum NoticeRejection {
    /** The URL carries no token: made up, or a notice URL from before notices were signed. */
    UNSIGNED("unsigned"),
    /** The token's MAC does not match its content, or the token is not one the bidder writes. */
    TAMPERED("tampered"),
    /** The token ends before its content does, or has no room for its MAC. */
    TRUNCATED("truncated"),
    /** The token names a key that is neither {@code NOTICE_SIGNING_KEY} nor {@code NOTICE_SIGNING_KEY_PREVIOUS}. */
    UNKNOWN_KEY("unknown_key"),
    /** The bid is older than {@code NOTICE_DEDUPE_TTL_MS}: the dedupe may have forgotten it, so it is not counted. */
    EXPIRED("expired"),
    /** The clearing price is above the bid price the token holds: no auction clears above the bid. */
    PRICE("price"),
    /** An encrypted price whose integrity signature fails, or a plain price from an exchange that encrypts. */
    PRICE_INTEGRITY("price_integrity");

    private final String tag;

    NoticeRejection(String tag) {
        this.tag = tag;
    }

    /** The value used as a metric tag and in logs. */
    public String tag() {
        return tag;
    }
}
