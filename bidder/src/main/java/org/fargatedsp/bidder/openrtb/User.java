package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenRTB User (spec 3.2.20), for its TCF consent string: 2.6 carries it in {@code consent}, exchanges that
 * downconvert to 2.5 in {@code ext.consent}; both shapes decode into {@code consent}. The rest of the object
 * (ids, eids, data segments) is not kept because the bidder never reads it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(String consent) {

    /** Databind creator: takes {@code consent} from the 2.6 field, else from the 2.5 {@code ext}. */
    @JsonCreator
    static User fromJson(@JsonProperty("consent") String consent, @JsonProperty("ext") JsonNode ext) {
        if (consent == null && ext != null && ext.path("consent").isTextual()) {
            consent = ext.get("consent").textValue();
        }
        return new User(consent);
    }
}
