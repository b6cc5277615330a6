package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB Banner (spec 3.2.6): the exact size in {@code w}/{@code h} and the accepted sizes in {@code format}. */
public record Banner(int w, int h, List<Format> format, int[] battr) {
}
