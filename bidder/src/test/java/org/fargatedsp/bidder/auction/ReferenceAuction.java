package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.Creative;
import org.fargatedsp.bidder.campaign.MediaType;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.campaign.Targeting;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Deal;
import org.fargatedsp.bidder.openrtb.Format;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.NativeRequest;

/**
 * The auction rules written as plainly as possible, checking every campaign and creative one by one: the oracle
 * the indexed {@link Auctioneer} must agree with. Slow on purpose; tests only.
 */
final class ReferenceAuction {
    /** One chosen bid: the impression's position, campaign, creative, deal and price. */
    record Choice(int imp, String campaign, String creative, String deal, long priceMicros) {}

    private record Pair(Campaign campaign, Creative creative) {}

    private final List<Pair> pairs = new ArrayList<>();
    private final FxRates fx;

    ReferenceAuction(List<Campaign> campaigns, FxRates fx) {
        this.fx = fx;
        for (Campaign c : campaigns) {
            for (Creative cr : c.creatives()) {
                pairs.add(new Pair(c, cr));
            }
        }
        pairs.sort(Comparator.comparingLong((Pair p) -> -p.campaign.bidMicros())
                .thenComparing(p -> p.campaign.id()).thenComparing(p -> p.creative.id()));
    }

    List<Choice> run(BidRequest request, long now) {
        List<Choice> choices = new ArrayList<>();
        List<String> cur = request.cur();
        boolean currencyOk = cur == null || cur.isEmpty() ? fx.currency().equals("USD")
                : cur.stream().anyMatch(c -> c.equalsIgnoreCase(fx.currency()));
        boolean consentOk = request.regs() == null || !request.regs().gdprApplies()
                || (request.user() != null && request.user().consent() != null && !request.user().consent().isEmpty());
        if (!currencyOk || !consentOk || request.unbiddable() != null) {
            return choices;
        }
        for (int i = 0; i < request.imp().size(); i++) {
            Imp imp = request.imp().get(i);
            if (imp.unbiddable() != null) {
                continue;
            }
            double floor = fx.convert(imp.bidfloor(), imp.bidfloorcur());
            if (Double.isNaN(floor)) {
                continue;
            }
            Choice best = null;
            for (MediaType media : MediaType.values()) {
                if (!present(imp, media)) {
                    continue;
                }
                if (imp.pmp() != null && imp.pmp().deals() != null) {
                    for (Deal deal : imp.pmp().deals()) {
                        double dealFloor = deal.bidfloor() > 0 ? fx.convert(deal.bidfloor(), deal.bidfloorcur()) : floor;
                        if (Double.isNaN(dealFloor)) {
                            continue;
                        }
                        best = better(best, first(request, imp, i, media, deal, Auctioneer.toMicros(dealFloor), now));
                    }
                }
                if (imp.pmp() == null || imp.pmp().private_auction() != 1) {
                    best = better(best, first(request, imp, i, media, null, Auctioneer.toMicros(floor), now));
                }
            }
            if (best != null) {
                choices.add(best);
            }
        }
        return choices;
    }

    private static Choice better(Choice best, Choice candidate) {
        return candidate != null && (best == null || candidate.priceMicros() > best.priceMicros()) ? candidate : best;
    }

    private Choice first(BidRequest request, Imp imp, int impIndex, MediaType media, Deal deal, long floor, long now) {
        for (Pair p : pairs) {
            Campaign c = p.campaign;
            Creative cr = p.creative;
            if (!c.active() || cr.type() != media || !eligible(request, imp, c, cr, deal)) {
                continue;
            }
            if (c.bidMicros() < floor) {
                return null;
            }
            if (!c.inFlight(now)) {
                continue;
            }
            return new Choice(impIndex, c.id(), cr.id(), deal == null ? null : deal.id(), c.bidMicros());
        }
        return null;
    }

    private static boolean present(Imp imp, MediaType media) {
        return switch (media) {
            case BANNER -> imp.banner() != null;
            case VIDEO -> imp.video() != null;
            case AUDIO -> imp.audio() != null;
            case NATIVE -> imp.native_() != null;
        };
    }

    private static boolean eligible(BidRequest r, Imp imp, Campaign c, Creative cr, Deal deal) {
        Targeting t = c.targeting();
        if (deal == null ? !t.deals().isEmpty() : !t.deals().contains(deal.id())) {
            return false;
        }
        String country = r.device() == null || r.device().geo() == null ? null
                : Countries.alpha3(r.device().geo().country());
        if (!t.countries().isEmpty() && !has(t.countries(), country)) {
            return false;
        }
        int devicetype = r.device() == null ? 0 : r.device().devicetype();
        if (!t.deviceTypes().isEmpty() && !t.deviceTypes().contains(devicetype)) {
            return false;
        }
        String os = r.device() == null || r.device().os() == null ? null : r.device().os().toLowerCase(Locale.ROOT);
        if (!t.os().isEmpty() && !has(t.os(), os)) {
            return false;
        }
        String bundle = r.app() == null ? null : r.app().bundle();
        if (!t.bundles().isEmpty() && !has(t.bundles(), bundle)) {
            return false;
        }
        if (bundle != null && t.blockedBundles().contains(bundle)) {
            return false;
        }
        String domain = r.inventoryDomain() == null ? null : r.inventoryDomain().toLowerCase(Locale.ROOT);
        List<String> suffixes = suffixes(domain);
        if (!t.domains().isEmpty() && suffixes.stream().noneMatch(t.domains()::contains)) {
            return false;
        }
        if (suffixes.stream().anyMatch(t.blockedDomains()::contains)) {
            return false;
        }
        if (!t.inventoryCats().isEmpty()) {
            List<String> cats = r.inventoryCategories() == null ? List.of() : r.inventoryCategories();
            if (cats.stream().noneMatch(cat -> t.inventoryCats().contains(cat)
                    || (cat.indexOf('-') > 0 && t.inventoryCats().contains(cat.substring(0, cat.indexOf('-')))))) {
                return false;
            }
        }
        if (r.regs() != null && r.regs().coppa() == 1 && !c.coppaAllowed()) {
            return false;
        }
        if (r.bcat() != null && r.bcat().stream().anyMatch(b -> c.cat().stream()
                .anyMatch(cat -> cat.equals(b) || cat.startsWith(b + "-")))) {
            return false;
        }
        if (r.badv() != null && r.badv().stream().anyMatch(b -> c.adomain().stream().anyMatch(b::equalsIgnoreCase))) {
            return false;
        }
        if (r.bapp() != null && c.bundle() != null && r.bapp().contains(c.bundle())) {
            return false;
        }
        // Every campaign has a seat (Campaign.DEFAULT_SEAT when none is given).
        if (r.wseat() != null && !r.wseat().isEmpty() && !has(r.wseat(), c.seat())) {
            return false;
        }
        if (r.bseat() != null && c.seat() != null && has(r.bseat(), c.seat())) {
            return false;
        }
        if (deal != null) {
            if (deal.wseat() != null && !deal.wseat().isEmpty() && !has(deal.wseat(), c.seat())) {
                return false;
            }
            if (deal.wadomain() != null && !deal.wadomain().isEmpty() && c.adomain().stream()
                    .noneMatch(a -> deal.wadomain().stream().anyMatch(a::equalsIgnoreCase))) {
                return false;
            }
        }
        return fits(imp, cr);
    }

    private static boolean fits(Imp imp, Creative cr) {
        switch (cr.type()) {
            case BANNER -> {
                List<int[]> sizes = new ArrayList<>();
                sizes.add(new int[] {imp.banner().w(), imp.banner().h()});
                if (imp.banner().format() != null) {
                    for (Format f : imp.banner().format()) {
                        sizes.add(new int[] {f.w(), f.h()});
                    }
                }
                boolean unsized = imp.banner().w() <= 0
                        && (imp.banner().format() == null || imp.banner().format().isEmpty());
                if (unsized && imp.instl() == 1) {
                    sizes.add(new int[] {320, 480});
                    sizes.add(new int[] {480, 320});
                    sizes.add(new int[] {768, 1024});
                    sizes.add(new int[] {1024, 768});
                }
                return sizes.stream().anyMatch(s -> s[0] == cr.w() && s[1] == cr.h())
                        && notBlocked(imp.banner().battr(), cr);
            }
            case VIDEO -> {
                var v = imp.video();
                return notBlocked(v.battr(), cr) && mimes(v.mimes(), cr)
                        && (v.minduration() <= 0 || cr.duration() >= v.minduration())
                        && (v.maxduration() <= 0 || cr.duration() <= v.maxduration())
                        && protocols(v.protocols(), v.protocol(), cr);
            }
            case AUDIO -> {
                var a = imp.audio();
                return notBlocked(a.battr(), cr) && mimes(a.mimes(), cr)
                        && (a.minduration() <= 0 || cr.duration() >= a.minduration())
                        && (a.maxduration() <= 0 || cr.duration() <= a.maxduration())
                        && protocols(a.protocols(), 0, cr);
            }
            case NATIVE -> {
                NativeRequest request = imp.native_().request();
                return request != null && notBlocked(imp.native_().battr(), cr) && nativeFits(request, cr.nativeAd());
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Every required asset filled, and at least one asset. */
    private static boolean nativeFits(NativeRequest request, NativeAd ad) {
        return request.assets().stream().anyMatch(a -> fills(ad, a))
                && request.assets().stream().allMatch(a -> !a.isRequired() || fills(ad, a));
    }

    private static boolean fills(NativeAd ad, NativeRequest.Asset asset) {
        if (asset.title() != null) {
            return ad.title() != null && (asset.title().len() == 0 || ad.title().length() <= asset.title().len());
        }
        if (asset.img() != null) {
            NativeRequest.Img img = asset.img();
            return ad.images().stream().anyMatch(i -> (img.type() == 0 || img.type() == i.type())
                    && (img.wmin() > 0 ? i.w() >= img.wmin() : img.w() == 0 || i.w() == img.w())
                    && (img.hmin() > 0 ? i.h() >= img.hmin() : img.h() == 0 || i.h() == img.h())
                    && (img.mimes() == null || img.mimes().isEmpty()
                            || img.mimes().stream().anyMatch(m -> m.equalsIgnoreCase(i.mime()))));
        }
        NativeRequest.Data data = asset.data();
        return ad.data().stream().anyMatch(d -> d.type() == data.type()
                && (data.len() == 0 || d.value().length() <= data.len()));
    }

    private static boolean notBlocked(int[] battr, Creative cr) {
        if (battr == null) {
            return true;
        }
        for (int a : battr) {
            if (cr.attr().contains(a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mimes(List<String> mimes, Creative cr) {
        return mimes == null || mimes.isEmpty()
                || mimes.stream().anyMatch(m -> cr.mimes().stream().anyMatch(m::equalsIgnoreCase));
    }

    private static boolean protocols(int[] protocols, int protocol, Creative cr) {
        boolean listed = protocols != null && protocols.length > 0;
        if (!listed && protocol <= 0) {
            return true;
        }
        if (listed) {
            for (int p : protocols) {
                if (cr.protocols().contains(p)) {
                    return true;
                }
            }
        }
        return protocol > 0 && cr.protocols().contains(protocol);
    }

    private static boolean has(java.util.Collection<?> values, Object value) {
        return value != null && values.contains(value);
    }

    private static List<String> suffixes(String domain) {
        List<String> suffixes = new ArrayList<>();
        if (domain == null) {
            return suffixes;
        }
        String rest = domain;
        while (suffixes.size() < 5) {
            suffixes.add(rest);
            int dot = rest.indexOf('.');
            if (dot < 0 || dot == rest.length() - 1) {
                break;
            }
            rest = rest.substring(dot + 1);
        }
        return suffixes;
    }
}
