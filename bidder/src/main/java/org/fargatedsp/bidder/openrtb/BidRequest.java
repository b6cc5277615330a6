package org.fargatedsp.bidder.openrtb;

import java.util.List;

/**
 * OpenRTB 2.5/2.6 BidRequest (spec 3.2.1), holding only the fields the bidder reads; {@code source} (with the
 * supply chain) and everything else is accepted in either the 2.5 or the 2.6 shape and skipped.
 *
 * <p>Integers the spec defaults are 0 when absent; {@link #auctionType()} applies the spec default for {@code at}.
 * Not in the spec: {@code unbiddable}, the first of the request's own fields the auction needs that the decoder
 * could not read (see {@link Repairs}), which makes every impression one the bidder does not bid on; null when the
 * request is biddable. {@code imp} holds the impressions with a usable id, the first of each id only.
 */
public record BidRequest(
        String id,
        List<Imp> imp,
        Site site,
        App app,
        Dooh dooh,
        Device device,
        User user,
        Regs regs,
        int test,
        int at,
        int tmax,
        List<String> cur,
        List<String> bcat,
        List<String> badv,
        List<String> bapp,
        List<String> wseat,
        List<String> bseat,
        RepairField unbiddable) {

    /** Auction type, 1 first price or 2 second price plus; the spec default is 2 (3.2.1). */
    public int auctionType() {
        return at == 0 ? 2 : at;
    }

    /** Domain of the inventory: the site's, the app's or the DOOH placement's; null when none is sent. */
    public String inventoryDomain() {
        if (site != null) {
            return site.domain();
        }
        if (app != null) {
            return app.domain();
        }
        return dooh == null ? null : dooh.domain();
    }

    /** Content categories of the inventory (site, app or DOOH publisher); null when none are sent. */
    public List<String> inventoryCategories() {
        if (site != null) {
            return site.cat();
        }
        if (app != null) {
            return app.cat();
        }
        return null;
    }
}
