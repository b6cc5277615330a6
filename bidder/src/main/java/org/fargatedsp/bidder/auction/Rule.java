package org.fargatedsp.bidder.auction;

/**
 * The rules that keep a campaign from bidding on an impression, as {@link Explainer} names them, in the order the
 * auction applies them: the request's, the index's targeting and block lists, the impression's media, the deal,
 * then the checks made entry by entry in bid order (floor first, budget last). A campaign is reported with the
 * latest rule any of its creatives reached, so a later constant is a closer miss; {@link #WON} is the bid.
 */
public enum Rule {
    /**
     * The decoder could not read a field that decides bidding ({@code BidRequest.unbiddable}, for every impression,
     * or {@code Imp.unbiddable}); the check's {@code repairs} say which value.
     */
    UNBIDDABLE("unbiddable"),
    /** The request allows no currency the bidder bids in ({@code cur}). */
    CURRENCY("currency"),
    /** GDPR applies and the request carries no consent string. */
    NO_CONSENT("no_consent"),
    /** The campaign's {@code status} is {@code paused}: it is not indexed. */
    PAUSED("paused"),
    /** The impression's floor is in a currency without a rate in {@code FX_RATES}. */
    FLOOR_CURRENCY("floor_currency"),
    /** The impression has no banner, video, audio or usable native object. */
    NO_MEDIA("no_media"),
    COUNTRY("country"),
    DEVICE_TYPE("device_type"),
    OS("os"),
    /** The campaign's {@code bundles} allow list. */
    BUNDLE("bundle"),
    /** The campaign's {@code blocked_bundles}. */
    BLOCKED_BUNDLE("blocked_bundle"),
    /** The campaign's {@code domains} allow list. */
    DOMAIN("domain"),
    /** The campaign's {@code blocked_domains}. */
    BLOCKED_DOMAIN("blocked_domain"),
    /** The campaign's {@code inventory_cats}. */
    INVENTORY_CATEGORY("inventory_category"),
    /** {@code regs.coppa} is 1 and the campaign is not {@code coppa_allowed}. */
    COPPA("coppa"),
    /** The request's {@code bcat}. */
    BLOCKED_CATEGORY("blocked_category"),
    /** The request's {@code badv}. */
    BLOCKED_ADVERTISER("blocked_advertiser"),
    /** The request's {@code bapp}. */
    BLOCKED_APP("blocked_app"),
    /** No creative of a kind the impression offers (banner, video, audio, native). */
    MEDIA_TYPE("media_type"),
    /** A banner of a size the impression does not take ({@code w}x{@code h}, {@code format}, interstitial). */
    SIZE("size"),
    /** The impression's {@code battr}. */
    BLOCKED_ATTRIBUTE("blocked_attribute"),
    /** The native creative lacks a kind of asset the native request requires (settled by the index). */
    NATIVE_ASSET_KINDS("native_assets"),
    /** Deal targeting: a deal campaign outside its deals, or any other in a private auction. */
    DEAL("deal"),
    /** An index rule the check could not name: a disagreement between the check and the auction, so a bug. */
    UNNAMED("unnamed"),
    /** The deal's floor is in a currency without a rate in {@code FX_RATES}. */
    DEAL_FLOOR_CURRENCY("floor_currency"),
    /** The bid is below the floor (the deal's on a deal), after conversion to the bidder's currency. */
    BELOW_FLOOR("below_floor"),
    /** Outside the campaign's flight ({@code start} to {@code end}). */
    FLIGHT("flight"),
    /** Video or audio mimes. */
    MIMES("mimes"),
    /** Video or audio {@code minduration} and {@code maxduration}. */
    DURATION("duration"),
    /** Video or audio {@code protocols}. */
    PROTOCOLS("protocols"),
    /** The native creative cannot fill a required asset (title length, image size or mime, data length). */
    NATIVE_ASSETS("native_assets"),
    /** The request's {@code wseat} or {@code bseat}, or the deal's {@code wseat}. */
    SEAT("seat"),
    /** The deal's {@code wadomain}. */
    DEAL_ADVERTISER("deal_advertiser"),
    /** The campaign's daily budget is spent. */
    BUDGET("budget"),
    /** Eligible, but another bid for the impression was higher (or as high and considered first). */
    OUTBID("outbid"),
    /** The bid sent for the impression. */
    WON("bid");

    static final Rule[] VALUES = values();

    private final String tag;

    Rule(String tag) {
        this.tag = tag;
    }

    /** The name the check reports. */
    public String tag() {
        return tag;
    }
}
