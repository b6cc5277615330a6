package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB User (spec 3.2.20), for its TCF consent string: 2.6 carries it in {@code consent}, exchanges that
 * downconvert to 2.5 in {@code ext.consent}; both shapes decode into {@code consent}. The rest of the object
 * (ids, eids, data segments) is not kept because the bidder never reads it.
 */
public record User(String consent) {
}
