package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** OpenRTB Site (spec 3.2.13). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Site(String id, String domain, List<String> cat, String page, Publisher publisher) {
}
