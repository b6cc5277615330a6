package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** OpenRTB Audio (spec 3.2.8). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Audio(List<String> mimes, int minduration, int maxduration, int[] protocols, int[] battr) {
}
