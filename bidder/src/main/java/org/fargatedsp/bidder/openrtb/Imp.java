package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenRTB Imp (spec 3.2.4); {@code native} is a Java keyword, so its component is {@code native_}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Imp(
        String id,
        Banner banner,
        Video video,
        Audio audio,
        @JsonProperty("native") Native native_,
        Pmp pmp,
        double bidfloor,
        String bidfloorcur,
        int instl) {
}
