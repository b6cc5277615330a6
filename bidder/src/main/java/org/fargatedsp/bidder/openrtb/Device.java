package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB Device (spec 3.2.18); {@code devicetype} uses the values of list 5.21. The user agent and advertising
 * id are kept for what the bidder may log or cap on; repeated user agents share one string (see
 * {@code ValueCache}).
 */
public record Device(String ua, Geo geo, int devicetype, String os, String ifa) {
}
