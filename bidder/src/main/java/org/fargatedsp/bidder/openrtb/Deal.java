package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** OpenRTB Deal (spec 3.2.12): a deal floor, and the buyer seats and advertiser domains it admits. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deal(String id, double bidfloor, String bidfloorcur, int at, List<String> wseat, List<String> wadomain) {
}
