package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenRTB Regs (spec 3.2.3). 2.6 has {@code gdpr} and {@code us_privacy} as fields; a 2.5 request carries them in
 * {@code ext}. Both shapes decode into the same components. {@code gdpr} is -1 when the request does not say.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Regs(int coppa, int gdpr, String us_privacy, String gpp) {

    /** The value of {@link #gdpr} when the request does not say whether GDPR applies. */
    public static final int GDPR_UNKNOWN = -1;

    /** True when the request says GDPR applies. */
    public boolean gdprApplies() {
        return gdpr == 1;
    }

    /** Databind creator: reads the 2.6 fields, else the 2.5 {@code ext}. */
    @JsonCreator
    static Regs fromJson(
            @JsonProperty("coppa") int coppa,
            @JsonProperty("gdpr") Integer gdpr,
            @JsonProperty("us_privacy") String usPrivacy,
            @JsonProperty("gpp") String gpp,
            @JsonProperty("ext") JsonNode ext) {
        int applies = gdpr == null ? GDPR_UNKNOWN : gdpr;
        if (gdpr == null && ext != null && ext.path("gdpr").isIntegralNumber()) {
            applies = ext.get("gdpr").intValue();
        }
        if (usPrivacy == null && ext != null && ext.path("us_privacy").isTextual()) {
            usPrivacy = ext.get("us_privacy").textValue();
        }
        return new Regs(coppa, applies, usPrivacy, gpp);
    }
}
