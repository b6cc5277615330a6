package org.fargatedsp.bidder.auction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.campaign.ValueIndex;
import org.fargatedsp.bidder.openrtb.App;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Deal;
import org.fargatedsp.bidder.openrtb.Device;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.Pmp;
import org.fargatedsp.bidder.openrtb.Regs;
import org.fargatedsp.bidder.openrtb.User;

/**
 * Decides the bids for one request against a campaign snapshot: for each impression, the highest eligible bid,
 * or the reason there is none. Stateless and thread-safe; the per-thread {@link EntryQuery} and
 * {@link AuctionResult} carry all the state, so an auction allocates nothing on the common path.
 *
 * <p>The rules: never on an impression the decoder found unbiddable; never below the floor (the deal floor on a
 * deal, converted from {@code bidfloorcur}); never with a blocked category, advertiser domain, app or creative
 * attribute; only a creative that fits the impression's sizes, mimes, duration and protocols; only in a currency
 * the request allows; only deal bids in a private auction; one bid per impression, the best (ties go to the deal).
 */
public final class Auctioneer {
    /** Common spellings of {@code device.os}, mapped to the lower case campaigns target, without allocating. */
    private static final Map<String, String> OS_NAMES = Map.ofEntries(
            Map.entry("iOS", "ios"), Map.entry("IOS", "ios"), Map.entry("iPadOS", "ipados"),
            Map.entry("Android", "android"), Map.entry("Windows", "windows"), Map.entry("OS X", "os x"),
            Map.entry("macOS", "macos"), Map.entry("MacOS", "macos"), Map.entry("Linux", "linux"),
            Map.entry("tvOS", "tvos"), Map.entry("Roku", "roku"), Map.entry("Tizen", "tizen"),
            Map.entry("webOS", "webos"), Map.entry("Fire OS", "fire os"), Map.entry("Chrome OS", "chrome os"));
    static final int MAX_DOMAIN_SUFFIXES = 5;

    private final FxRates fx;

    public Auctioneer(FxRates fx) {
        this.fx = fx;
    }

    /** The bidder's currency, which every bid is in. */
    public String currency() {
        return fx.currency();
    }

    FxRates fx() {
        return fx;
    }

    /**
     * Runs the auction for {@code request}, writing the outcome into {@code result}, and takes each bid's cost
     * from its campaign's budget ({@link CampaignBudget#take}): the bids are to be sent.
     */
    public void bid(BidRequest request, CampaignSnapshot snapshot, long nowMillis, EntryQuery q,
            AuctionResult result) {
        run(request, snapshot, nowMillis, q, result, true);
    }

    /** Runs the auction for {@code request}, writing the outcome into {@code result}, and takes no budget. */
    public void run(BidRequest request, CampaignSnapshot snapshot, long nowMillis, EntryQuery q,
            AuctionResult result) {
        run(request, snapshot, nowMillis, q, result, false);
    }

    private void run(BidRequest request, CampaignSnapshot snapshot, long nowMillis, EntryQuery q,
            AuctionResult result, boolean take) {
        result.reset();
        if (request.unbiddable() != null) {
            result.noBid(NoBidReason.UNBIDDABLE);
            return;
        }
        if (!currencyAllowed(request.cur())) {
            result.noBid(NoBidReason.CURRENCY);
            return;
        }
        if (request.regs() != null && request.regs().gdprApplies() && !hasConsent(request.user())) {
            result.noBid(NoBidReason.NO_CONSENT);
            return;
        }
        CampaignIndex index = snapshot.index();
        q.reset(index);
        addRequestFilters(request, index, q);
        NoBidReason closest = NoBidReason.NO_MATCH;
        List<Imp> imps = request.imp();
        for (int i = 0; i < imps.size(); i++) {
            Imp imp = imps.get(i);
            if (imp.unbiddable() != null) {
                closest = later(closest, NoBidReason.UNBIDDABLE);
                continue;
            }
            double floor = fx.convert(imp.bidfloor(), imp.bidfloorcur());
            if (Double.isNaN(floor)) {
                closest = later(closest, NoBidReason.CURRENCY);
                continue;
            }
            bestForImp(request, imp, snapshot, floor, nowMillis, q, result);
            if (result.bestEntry >= 0 && take && !snapshot.budget(result.bestEntry).take(
                    CampaignBudget.impressionCost(index.bidMicros(result.bestEntry)), nowMillis)) {
                // Another event loop took the campaign's last lease between the check and now.
                result.sawBudget = true;
            } else if (result.bestEntry >= 0) {
                result.add(i, result.bestEntry, result.bestDeal == null ? null : result.bestDeal.id(),
                        result.bestPrice);
            }
        }
        if (result.bids() == 0) {
            if (result.sawFloor) {
                closest = later(closest, NoBidReason.BELOW_FLOOR);
            } else if (result.sawBudget) {
                closest = later(closest, NoBidReason.BUDGET);
            } else if (q.sawExcluded()) {
                closest = later(closest, NoBidReason.BLOCKED);
            }
            result.noBid(closest);
        }
    }

    /** Finds the impression's best candidate over its media and auctions, into {@code result.best*}. */
    private void bestForImp(BidRequest request, Imp imp, CampaignSnapshot snapshot, double impFloor,
            long now, EntryQuery q, AuctionResult result) {
        result.bestEntry = -1;
        result.bestDeal = null;
        result.bestPrice = 0;
        CampaignIndex index = snapshot.index();
        for (MediaFit media : MediaFit.VALUES) {
            if (!media.present(imp)) {
                continue;
            }
            q.mark();
            media.addFilters(imp, index, q);
            Pmp pmp = imp.pmp();
            List<Deal> deals = pmp == null ? null : pmp.deals();
            if (deals != null) {
                for (int d = 0; d < deals.size(); d++) {
                    Deal deal = deals.get(d);
                    long[] dealEntries = index.deal(deal.id());
                    if (dealEntries == null) {
                        continue;
                    }
                    double floor = deal.bidfloor() > 0 ? fx.convert(deal.bidfloor(), deal.bidfloorcur()) : impFloor;
                    if (Double.isNaN(floor)) {
                        continue;
                    }
                    q.mark();
                    q.and(dealEntries);
                    consider(result, scan(q, snapshot, imp, media, deal, request, toMicros(floor), now, result),
                            deal, index);
                    q.restore();
                }
            }
            if (pmp == null || pmp.private_auction() != 1) {
                q.mark();
                q.and(index.openAuction());
                consider(result, scan(q, snapshot, imp, media, null, request, toMicros(impFloor), now, result),
                        null, index);
                q.restore();
            }
            q.restore();
        }
    }

    private static void consider(AuctionResult best, int entry, Deal deal, CampaignIndex index) {
        if (entry < 0) {
            return;
        }
        long price = index.bidMicros(entry);
        // Strictly higher wins, so among equal prices the first considered, a deal, stays.
        if (best.bestEntry < 0 || price > best.bestPrice) {
            best.bestEntry = entry;
            best.bestDeal = deal;
            best.bestPrice = price;
        }
    }

    /** The first entry in bid order that passes the per-entry checks, or -1. */
    private static int scan(EntryQuery q, CampaignSnapshot snapshot, Imp imp, MediaFit media, Deal deal,
            BidRequest request, long floorMicros, long now, AuctionResult result) {
        CampaignIndex index = snapshot.index();
        for (int e = q.next(0); e >= 0; e = q.next(e + 1)) {
            if (index.bidMicros(e) < floorMicros) {
                // Entries are in bid order: everything after this one is below the floor too.
                result.sawFloor = true;
                return -1;
            }
            if (!index.campaign(e).inFlight(now) || !media.fits(index.creative(e), imp)) {
                continue;
            }
            if (!Seats.allowed(index.campaign(e), deal, request)) {
                continue;
            }
            if (!snapshot.budget(e).allows(CampaignBudget.impressionCost(index.bidMicros(e)), now)) {
                result.sawBudget = true;
                continue;
            }
            return e;
        }
        return -1;
    }

    /** The request's targeting and block lists, as index sets: the part of the query every impression shares. */
    void addRequestFilters(BidRequest request, CampaignIndex index, EntryQuery q) {
        Device device = request.device();
        q.and(index.country(Countries.alpha3(device == null || device.geo() == null ? null
                : device.geo().country())));
        q.and(index.deviceType(device == null ? 0 : device.devicetype()));
        q.and(index.os(device == null ? null : osName(device.os())));
        App app = request.app();
        q.and(index.bundle(app == null ? null : app.bundle()));
        if (app != null && app.bundle() != null) {
            q.not(index.blockedOnBundle(app.bundle()));
        }
        String domain = request.inventoryDomain();
        domain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        ValueIndex allowed = index.domainAllowList();
        if (allowed.constrains()) {
            q.beginGroup();
            q.or(allowed.untargeted());
            for (int from = 0, n = 0; domain != null && from >= 0 && n < MAX_DOMAIN_SUFFIXES; n++) {
                q.or(allowed.targeting(from == 0 ? domain : domain.substring(from)));
                from = nextLabel(domain, from);
            }
            q.endGroup();
        }
        if (index.anyDomainBlocks()) {
            for (int from = 0, n = 0; domain != null && from >= 0 && n < MAX_DOMAIN_SUFFIXES; n++) {
                q.not(index.blockedOnDomain(from == 0 ? domain : domain.substring(from)));
                from = nextLabel(domain, from);
            }
        }
        ValueIndex inventoryCats = index.inventoryCategories();
        List<String> cats = request.inventoryCategories();
        if (inventoryCats.constrains()) {
            q.beginGroup();
            q.or(inventoryCats.untargeted());
            for (int i = 0; cats != null && i < cats.size(); i++) {
                String cat = cats.get(i);
                q.or(inventoryCats.targeting(cat));
                int dash = cat.indexOf('-');
                if (dash > 0) {
                    q.or(inventoryCats.targeting(cat.substring(0, dash)));
                }
            }
            q.endGroup();
        }
        Regs regs = request.regs();
        if (regs != null && regs.coppa() == 1) {
            q.and(index.coppaAllowed());
        }
        q.not(ExclusionCache.current().excluded(index, request.bcat(), request.badv(), request.bapp()));
    }

    /** Start of the next shorter domain suffix: www.a.com, then a.com, then com; -1 after the last. */
    static int nextLabel(String domain, int from) {
        int dot = domain.indexOf('.', from);
        return dot < 0 || dot == domain.length() - 1 ? -1 : dot + 1;
    }

    boolean currencyAllowed(List<String> cur) {
        if (cur == null || cur.isEmpty()) {
            // No list: the exchange takes the spec default, USD (3.2.1).
            return fx.currency().equals("USD");
        }
        for (int i = 0; i < cur.size(); i++) {
            if (fx.currency().equalsIgnoreCase(cur.get(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasConsent(User user) {
        return user != null && user.consent() != null && !user.consent().isEmpty();
    }

    static String osName(String os) {
        if (os == null) {
            return null;
        }
        String known = OS_NAMES.get(os);
        return known != null ? known : os.toLowerCase(Locale.ROOT);
    }

    private static NoBidReason later(NoBidReason a, NoBidReason b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Floors are compared in micros, rounded up so that a bid is never below the floor by a rounding error. */
    static long toMicros(double amount) {
        return (long) Math.ceil(amount * 1_000_000d - 1e-3);
    }
}
