package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB Deal (spec 3.2.12): a deal floor, and the buyer seats and advertiser domains it admits. */
public record Deal(String id, double bidfloor, String bidfloorcur, int at, List<String> wseat, List<String> wadomain) {
}
