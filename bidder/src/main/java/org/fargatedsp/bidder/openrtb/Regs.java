package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB Regs (spec 3.2.3). 2.6 has {@code gdpr} and {@code us_privacy} as fields; a 2.5 request carries them in
 * {@code ext}. Both shapes decode into the same components. {@code gdpr} is -1 when the request does not say.
 */
public record Regs(int coppa, int gdpr, String us_privacy, String gpp) {

    /** The value of {@link #gdpr} when the request does not say whether GDPR applies. */
    public static final int GDPR_UNKNOWN = -1;

    /** True when the request says GDPR applies. */
    public boolean gdprApplies() {
        return gdpr == 1;
    }
}
