package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB App (spec 3.2.14); {@code bundle} is the platform-specific application identifier. */
public record App(String bundle, String domain, List<String> cat) {
}
