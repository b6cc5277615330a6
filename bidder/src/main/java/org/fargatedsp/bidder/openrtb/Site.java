package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB Site (spec 3.2.13): the domain and content categories the bidder targets and blocks on. */
public record Site(String domain, List<String> cat) {
}
