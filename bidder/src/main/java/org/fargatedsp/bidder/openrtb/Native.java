package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB Native (spec 3.2.9): the Native Ad Specification request decoded from {@code request} (a JSON string, or
 * an object as some exchanges send it), {@code ver} and the blocked attributes. When the request cannot be used,
 * {@code request} is null and {@code problem} says why: the impression cannot be bid on as native, but its other
 * media and the rest of the bid request are unaffected.
 */
public record Native(NativeRequest request, String ver, int[] battr, String problem) {
}
