package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB Native (spec 3.2.9). The Native Ad Specification request inside it is not read: native creatives carry a
 * complete response, and the impression's blocked attributes are what the bidder checks.
 */
public record Native(int[] battr) {
}
