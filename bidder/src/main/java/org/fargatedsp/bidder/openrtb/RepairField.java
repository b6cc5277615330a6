package org.fargatedsp.bidder.openrtb;

/**
 * A field of the bid request that the bidder reads, as {@link Repairs} names it: its {@link #path()} (the
 * {@code field} tag of {@code dsp.bidder.repairs}) and what a value of it that cannot be read costs
 * ({@link Scope}). A fixed list, so the tag has a bounded set of values whatever a request holds; fields the
 * bidder does not read are skipped whatever their shape and never repaired.
 */
public enum RepairField {
    ID("id", Scope.NONE),
    IMP("imp", Scope.IMP),
    IMP_ID("imp.id", Scope.IMP),
    IMP_BANNER("imp.banner", Scope.IMP),
    IMP_BANNER_W("imp.banner.w", Scope.IMP),
    IMP_BANNER_H("imp.banner.h", Scope.IMP),
    IMP_BANNER_FORMAT("imp.banner.format", Scope.IMP),
    IMP_BANNER_FORMAT_W("imp.banner.format.w", Scope.IMP),
    IMP_BANNER_FORMAT_H("imp.banner.format.h", Scope.IMP),
    IMP_BANNER_BATTR("imp.banner.battr", Scope.IMP),
    IMP_VIDEO("imp.video", Scope.IMP),
    IMP_VIDEO_MIMES("imp.video.mimes", Scope.IMP),
    IMP_VIDEO_MINDURATION("imp.video.minduration", Scope.IMP),
    IMP_VIDEO_MAXDURATION("imp.video.maxduration", Scope.IMP),
    IMP_VIDEO_PROTOCOLS("imp.video.protocols", Scope.IMP),
    IMP_VIDEO_PROTOCOL("imp.video.protocol", Scope.IMP),
    IMP_VIDEO_W("imp.video.w", Scope.NONE),
    IMP_VIDEO_H("imp.video.h", Scope.NONE),
    IMP_VIDEO_BATTR("imp.video.battr", Scope.IMP),
    IMP_AUDIO("imp.audio", Scope.IMP),
    IMP_AUDIO_MIMES("imp.audio.mimes", Scope.IMP),
    IMP_AUDIO_MINDURATION("imp.audio.minduration", Scope.IMP),
    IMP_AUDIO_MAXDURATION("imp.audio.maxduration", Scope.IMP),
    IMP_AUDIO_PROTOCOLS("imp.audio.protocols", Scope.IMP),
    IMP_AUDIO_BATTR("imp.audio.battr", Scope.IMP),
    IMP_NATIVE("imp.native", Scope.IMP),
    IMP_NATIVE_BATTR("imp.native.battr", Scope.IMP),
    IMP_PMP("imp.pmp", Scope.IMP),
    IMP_PMP_PRIVATE_AUCTION("imp.pmp.private_auction", Scope.IMP),
    IMP_PMP_DEALS("imp.pmp.deals", Scope.DEAL),
    IMP_PMP_DEALS_ID("imp.pmp.deals.id", Scope.DEAL),
    IMP_PMP_DEALS_BIDFLOOR("imp.pmp.deals.bidfloor", Scope.DEAL),
    IMP_PMP_DEALS_BIDFLOORCUR("imp.pmp.deals.bidfloorcur", Scope.DEAL),
    IMP_PMP_DEALS_AT("imp.pmp.deals.at", Scope.NONE),
    IMP_PMP_DEALS_WSEAT("imp.pmp.deals.wseat", Scope.DEAL),
    IMP_PMP_DEALS_WADOMAIN("imp.pmp.deals.wadomain", Scope.DEAL),
    IMP_BIDFLOOR("imp.bidfloor", Scope.IMP),
    IMP_BIDFLOORCUR("imp.bidfloorcur", Scope.IMP),
    IMP_INSTL("imp.instl", Scope.IMP),
    SITE("site", Scope.REQUEST),
    SITE_DOMAIN("site.domain", Scope.REQUEST),
    SITE_CAT("site.cat", Scope.REQUEST),
    APP("app", Scope.REQUEST),
    APP_BUNDLE("app.bundle", Scope.REQUEST),
    APP_DOMAIN("app.domain", Scope.REQUEST),
    APP_CAT("app.cat", Scope.REQUEST),
    DOOH("dooh", Scope.REQUEST),
    DOOH_DOMAIN("dooh.domain", Scope.REQUEST),
    DEVICE("device", Scope.REQUEST),
    DEVICE_UA("device.ua", Scope.NONE, RepairField.MAX_OPAQUE_CHARS),
    DEVICE_GEO("device.geo", Scope.REQUEST),
    DEVICE_GEO_COUNTRY("device.geo.country", Scope.REQUEST),
    DEVICE_DEVICETYPE("device.devicetype", Scope.REQUEST),
    DEVICE_OS("device.os", Scope.REQUEST),
    DEVICE_IFA("device.ifa", Scope.NONE),
    USER("user", Scope.REQUEST),
    USER_CONSENT("user.consent", Scope.REQUEST, RepairField.MAX_OPAQUE_CHARS),
    USER_EXT("user.ext", Scope.REQUEST),
    USER_EXT_CONSENT("user.ext.consent", Scope.REQUEST, RepairField.MAX_OPAQUE_CHARS),
    REGS("regs", Scope.REQUEST),
    REGS_COPPA("regs.coppa", Scope.REQUEST),
    REGS_GDPR("regs.gdpr", Scope.REQUEST),
    REGS_US_PRIVACY("regs.us_privacy", Scope.NONE),
    REGS_GPP("regs.gpp", Scope.NONE, RepairField.MAX_OPAQUE_CHARS),
    REGS_EXT("regs.ext", Scope.REQUEST),
    REGS_EXT_GDPR("regs.ext.gdpr", Scope.REQUEST),
    REGS_EXT_US_PRIVACY("regs.ext.us_privacy", Scope.NONE),
    TEST("test", Scope.NONE),
    AT("at", Scope.NONE),
    TMAX("tmax", Scope.NONE),
    CUR("cur", Scope.REQUEST),
    BCAT("bcat", Scope.REQUEST),
    BADV("badv", Scope.REQUEST),
    BAPP("bapp", Scope.REQUEST),
    WSEAT("wseat", Scope.REQUEST),
    BSEAT("bseat", Scope.REQUEST);

    /** What a value of the field that cannot be read costs; a value that is coerced costs nothing. */
    public enum Scope {
        /** Nothing: the bidder only logs it or times the answer by it, and reads the request as if it were absent. */
        NONE,
        /** The deal it belongs to, which is not bid on; the impression's other deals and open auction are. */
        DEAL,
        /** The impression it belongs to, which is unbiddable; an impression without a usable id is skipped. */
        IMP,
        /** Every impression of the request, as the auction reads it for all of them. */
        REQUEST
    }

    /**
     * Longest string read for a field, in characters (UTF-16 units, after JSON unescaping): ids, codes, domains,
     * bundles and categories. OpenRTB ids are short in practice, and every one of these is echoed in the response,
     * logged, or matched against the campaigns. An id longer than this is refused; another value is dropped.
     */
    public static final int MAX_CHARS = 128;
    /**
     * Longest string read for the user agent, the consent string and the GPP string, which the bidder neither
     * echoes nor logs: real TCF and GPP strings are well under 4,000 characters, user agents under 1,000.
     */
    public static final int MAX_OPAQUE_CHARS = 16_384;

    private final String path;
    private final Scope scope;
    private final int maxChars;

    RepairField(String path, Scope scope) {
        this(path, scope, MAX_CHARS);
    }

    RepairField(String path, Scope scope, int maxChars) {
        this.path = path;
        this.scope = scope;
        this.maxChars = maxChars;
    }

    /** The field's place in the BidRequest with array indices left out, such as {@code imp.banner.w}. */
    public String path() {
        return path;
    }

    public Scope scope() {
        return scope;
    }

    /** The longest string read for the field; a longer one is dropped without being decoded, or refused for an id. */
    public int maxChars() {
        return maxChars;
    }
}
