package org.fargatedsp.bidder.auction;

import java.util.List;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Deal;

/**
 * Buyer-seat and advertiser rules of the request and the deal: {@code wseat} and {@code bseat} (spec 3.2.1),
 * the deal's {@code wseat} and {@code wadomain} (3.2.12). An empty or absent list allows everyone.
 */
final class Seats {
    private Seats() {}

    static boolean allowed(Campaign campaign, Deal deal, BidRequest request) {
        String seat = campaign.seat();
        if (!listedOrOpen(request.wseat(), seat) || listed(request.bseat(), seat)) {
            return false;
        }
        if (deal == null) {
            return true;
        }
        return listedOrOpen(deal.wseat(), seat) && advertiserAllowed(deal.wadomain(), campaign.adomain());
    }

    static boolean listedOrOpen(List<String> allow, String value) {
        return allow == null || allow.isEmpty() || listed(allow, value);
    }

    static boolean listed(List<String> values, String value) {
        if (values == null || value == null) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (value.equals(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean advertiserAllowed(List<String> wadomain, List<String> adomain) {
        if (wadomain == null || wadomain.isEmpty()) {
            return true;
        }
        for (int i = 0; i < adomain.size(); i++) {
            for (int j = 0; j < wadomain.size(); j++) {
                if (adomain.get(i).equalsIgnoreCase(wadomain.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }
}
