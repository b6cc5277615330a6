package org.fargatedsp.bidder.auction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.Creative;
import org.fargatedsp.bidder.campaign.Targeting;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Deal;
import org.fargatedsp.bidder.openrtb.Device;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.NativeRequest;

/**
 * The sentence that says, for an integration engineer, how a rule stopped a campaign's creative: the campaign's
 * setting and the request's value side by side, with the request's field names.
 */
final class ExclusionDetails {
    /** What a detail may refer to: the request and impression, the campaigns, the time, and the impression's bid. */
    record Scene(BidRequest request, Imp imp, CampaignSnapshot snapshot, long nowMillis, FxRates fx, int winner,
            ExplainContext winnerContext) {

        Scene(BidRequest request, Imp imp, CampaignSnapshot snapshot, long nowMillis, FxRates fx) {
            this(request, imp, snapshot, nowMillis, fx, -1, null);
        }

        Scene withWinner(int entry, ExplainContext context) {
            return new Scene(request, imp, snapshot, nowMillis, fx, entry, context);
        }
    }

    private ExclusionDetails() {}

    /** Which of the video or audio checks a creative that does not fit fails first; native has one. */
    static Rule fitRule(MediaFit media, Creative creative, Imp imp) {
        return switch (media) {
            case VIDEO -> !MediaFit.mimeAccepted(creative, imp.video().mimes()) ? Rule.MIMES
                    : !MediaFit.durationFits(creative.duration(), imp.video().minduration(), imp.video().maxduration())
                    ? Rule.DURATION : Rule.PROTOCOLS;
            case AUDIO -> !MediaFit.mimeAccepted(creative, imp.audio().mimes()) ? Rule.MIMES
                    : !MediaFit.durationFits(creative.duration(), imp.audio().minduration(), imp.audio().maxduration())
                    ? Rule.DURATION : Rule.PROTOCOLS;
            case NATIVE -> Rule.NATIVE_ASSETS;
            default -> throw new IllegalStateException(media + " creatives are settled by the index");
        };
    }

    /** Which of the seat rules refuses a campaign: the seats, else the deal's advertisers. */
    static Rule seatRule(Campaign campaign, Deal deal, BidRequest request) {
        String seat = campaign.seat();
        boolean seatAllowed = Seats.listedOrOpen(request.wseat(), seat) && !Seats.listed(request.bseat(), seat)
                && (deal == null || Seats.listedOrOpen(deal.wseat(), seat));
        return seatAllowed ? Rule.DEAL_ADVERTISER : Rule.SEAT;
    }

    /**
     * The detail of {@code rule} for index entry {@code entry} in {@code context}; {@code entry} -1 and {@code context}
     * null for the rules of a whole request or impression, and for {@link Rule#PAUSED}.
     */
    static String of(Rule rule, int entry, ExplainContext context, Scene s) {
        BidRequest r = s.request();
        Imp imp = s.imp();
        CampaignIndex index = s.snapshot().index();
        Campaign c = entry < 0 ? null : index.campaign(entry);
        Creative cr = entry < 0 ? null : index.creative(entry);
        Targeting t = c == null ? null : c.targeting();
        Device device = r.device();
        return switch (rule) {
            case UNBIDDABLE -> "the decoder could not read "
                    + (r.unbiddable() != null ? r.unbiddable().path() + ", which every impression"
                            : imp.unbiddable().path() + ", which the impression")
                    + " needs to be bid on (see repairs)";
            case CURRENCY -> (r.cur() == null || r.cur().isEmpty() ? "the request names no cur, which means USD,"
                    : "the request's cur " + r.cur()) + " and the bidder bids only in " + s.fx().currency();
            case NO_CONSENT -> "GDPR applies (regs.gdpr) and the request has no consent string (user.consent)";
            case PAUSED -> "the campaign's status is paused";
            case FLOOR_CURRENCY -> "the floor " + plain(imp.bidfloor()) + " " + imp.bidfloorcur()
                    + " cannot be compared: FX_RATES has no rate for " + imp.bidfloorcur();
            case NO_MEDIA -> noMedia(imp);
            case COUNTRY -> "targets countries " + sorted(t.countries()) + "; the request's device.geo.country is "
                    + quoted(device == null || device.geo() == null ? null : device.geo().country());
            case DEVICE_TYPE -> "targets device types " + sorted(t.deviceTypes())
                    + "; the request's device.devicetype is "
                    + (device == null || device.devicetype() == 0 ? "absent" : device.devicetype());
            case OS -> "targets os " + sorted(t.os()) + "; the request's device.os is "
                    + quoted(device == null ? null : device.os());
            case BUNDLE -> "targets app bundles " + sorted(t.bundles()) + "; the request's app.bundle is "
                    + quoted(r.app() == null ? null : r.app().bundle());
            case BLOCKED_BUNDLE -> "blocks the request's app.bundle " + quoted(r.app().bundle());
            case DOMAIN -> "targets domains " + sorted(t.domains()) + "; the request's domain is "
                    + quoted(r.inventoryDomain());
            case BLOCKED_DOMAIN -> "blocks domains " + common(t.blockedDomains(), LabeledSets.domainSuffixes(r))
                    + ", which cover the request's domain " + quoted(r.inventoryDomain());
            case INVENTORY_CATEGORY -> "targets inventory categories " + sorted(t.inventoryCats())
                    + "; the request's site or app cat is " + (r.inventoryCategories() == null ? "absent"
                    : r.inventoryCategories());
            case COPPA -> "regs.coppa is 1 and the campaign is not coppa_allowed";
            case BLOCKED_CATEGORY -> "its categories " + c.cat() + " are blocked by bcat " + r.bcat();
            case BLOCKED_ADVERTISER -> "its adomain " + c.adomain() + " is blocked by badv " + r.badv();
            case BLOCKED_APP -> "its bundle " + quoted(c.bundle()) + " is blocked by bapp " + r.bapp();
            case MEDIA_TYPE -> "creative " + cr.id() + " is " + lower(cr.type().name()) + "; the impression offers "
                    + offered(imp);
            case SIZE -> "creative " + cr.id() + " is " + cr.w() + "x" + cr.h() + "; the impression takes "
                    + sizes(imp);
            case BLOCKED_ATTRIBUTE -> "creative " + cr.id() + " has attributes " + sorted(cr.attr())
                    + ", blocked by the " + context.mediaName() + "'s battr";
            case NATIVE_ASSET_KINDS, NATIVE_ASSETS -> nativeAssets(cr, imp.native_().request());
            case DEAL -> deal(t, imp);
            case DEAL_FLOOR_CURRENCY -> "deal " + context.deal.id() + "'s floor " + plain(context.sentFloor) + " "
                    + context.sentCurrency + " cannot be compared: FX_RATES has no rate for " + context.sentCurrency;
            case BELOW_FLOOR -> belowFloor(index.bidMicros(entry), context, s.fx());
            case FLIGHT -> "flies from " + instant(c.startMillis()) + " to " + instant(c.endMillis()) + "; now is "
                    + Instant.ofEpochMilli(s.nowMillis());
            case MIMES -> "creative " + cr.id() + " plays " + cr.mimes() + "; the " + context.mediaName()
                    + " takes mimes " + (context.media == MediaFit.VIDEO ? imp.video().mimes() : imp.audio().mimes());
            case DURATION -> duration(cr, context, imp);
            case PROTOCOLS -> "creative " + cr.id() + " supports protocols " + sorted(cr.protocols()) + "; the "
                    + context.mediaName() + " takes " + protocols(context, imp);
            case SEAT -> seat(c, context.deal, r);
            case DEAL_ADVERTISER -> "its adomain " + c.adomain() + " is not in deal " + context.deal.id()
                    + "'s wadomain " + context.deal.wadomain();
            case BUDGET -> s.snapshot().budget(entry).refusal(s.nowMillis(), s.fx().currency());
            case UNNAMED -> "an index set that the check cannot name excludes it (the auction does not bid it"
                    + " either): please report this request";
            case OUTBID -> outbid(index, entry, s);
            case WON -> null;
        };
    }

    private static String noMedia(Imp imp) {
        if (imp.native_() != null && imp.native_().problem() != null) {
            return "the impression's only media is native, whose request cannot be used: " + imp.native_().problem();
        }
        return "the impression has no banner, video, audio or native object";
    }

    private static String offered(Imp imp) {
        List<String> media = new ArrayList<>();
        for (MediaFit m : MediaFit.VALUES) {
            if (m.present(imp)) {
                media.add(lower(m.name()));
            }
        }
        return String.join(", ", media);
    }

    private static String sizes(Imp imp) {
        List<String> sizes = new ArrayList<>();
        for (int[] size : MediaFit.offeredSizes(imp)) {
            if (size[0] > 0 && size[1] > 0) {
                sizes.add(size[0] + "x" + size[1]);
            }
        }
        return sizes.isEmpty() ? "no size (banner w, h and format are absent)" : String.join(", ", sizes);
    }

    private static String nativeAssets(Creative cr, NativeRequest request) {
        for (NativeRequest.Asset asset : request.assets()) {
            if (asset.isRequired() && NativeFit.choose(cr.nativeAd(), asset) == NativeFit.NONE) {
                return "creative " + cr.id() + " cannot fill required asset " + asset.id() + " (" + kind(asset) + ")";
            }
        }
        return "creative " + cr.id() + " fills none of the native request's assets";
    }

    private static String kind(NativeRequest.Asset asset) {
        if (asset.title() != null) {
            return "a title" + (asset.title().len() > 0 ? " of at most " + asset.title().len() + " characters" : "");
        }
        if (asset.img() != null) {
            NativeRequest.Img img = asset.img();
            return "an image of type " + img.type() + (img.wmin() > 0 ? ", at least " + img.wmin() + "x" + img.hmin()
                    : img.w() > 0 ? ", " + img.w() + "x" + img.h() : "")
                    + (img.mimes() == null ? "" : ", " + img.mimes());
        }
        return "data of type " + asset.data().type()
                + (asset.data().len() > 0 ? " of at most " + asset.data().len() + " characters" : "");
    }

    private static String deal(Targeting t, Imp imp) {
        List<String> offered = new ArrayList<>();
        if (imp.pmp() != null && imp.pmp().deals() != null) {
            imp.pmp().deals().forEach(d -> offered.add(d.id()));
        }
        boolean privateAuction = imp.pmp() != null && imp.pmp().private_auction() == 1;
        String offer = (offered.isEmpty() ? "no deal" : "deals " + offered)
                + (privateAuction ? ", in a private auction (deals only)" : " and the open auction");
        return (t.deals().isEmpty() ? "targets no deal" : "bids only in deals " + sorted(t.deals()))
                + "; the impression offers " + offer;
    }

    private static String belowFloor(long bidMicros, ExplainContext context, FxRates fx) {
        String currency = context.sentCurrency == null ? "USD" : context.sentCurrency;
        String floor = money(context.floorMicros()) + " " + fx.currency();
        if (!currency.equalsIgnoreCase(fx.currency())) {
            floor += " (" + plain(context.sentFloor) + " " + currency + " at FX_RATES)";
        }
        return "bids " + money(bidMicros) + " " + fx.currency() + ", below " + (context.deal == null
                ? "the impression's" : "deal " + context.deal.id() + "'s") + " floor of " + floor;
    }

    private static String duration(Creative cr, ExplainContext context, Imp imp) {
        boolean video = context.media == MediaFit.VIDEO;
        int min = video ? imp.video().minduration() : imp.audio().minduration();
        int max = video ? imp.video().maxduration() : imp.audio().maxduration();
        return "creative " + cr.id() + " lasts " + cr.duration() + " s; the " + context.mediaName() + " takes "
                + (min > 0 ? "at least " + min + " s" : "") + (min > 0 && max > 0 ? " and " : "")
                + (max > 0 ? "at most " + max + " s" : "");
    }

    private static String protocols(ExplainContext context, Imp imp) {
        int[] listed = context.media == MediaFit.VIDEO ? imp.video().protocols() : imp.audio().protocols();
        int single = context.media == MediaFit.VIDEO ? imp.video().protocol() : 0;
        List<Integer> all = new ArrayList<>();
        for (int i = 0; listed != null && i < listed.length; i++) {
            all.add(listed[i]);
        }
        return "protocols " + all + (single > 0 ? " and protocol " + single : "");
    }

    private static String seat(Campaign c, Deal deal, BidRequest r) {
        String seat = quoted(c.seat());
        if (!Seats.listedOrOpen(r.wseat(), c.seat())) {
            return "its seat " + seat + " is not in the request's wseat " + r.wseat();
        }
        if (Seats.listed(r.bseat(), c.seat())) {
            return "its seat " + seat + " is in the request's bseat " + r.bseat();
        }
        return "its seat " + seat + " is not in deal " + deal.id() + "'s wseat " + deal.wseat();
    }

    private static String outbid(CampaignIndex index, int entry, Scene s) {
        int w = s.winner();
        String lost = "eligible at " + money(index.bidMicros(entry)) + "; campaign " + index.campaign(w).id()
                + " (creative " + index.creative(w).id() + (s.winnerContext().deal == null ? ""
                : ", deal " + s.winnerContext().deal.id()) + ") bid " + money(index.bidMicros(w));
        return index.bidMicros(w) == index.bidMicros(entry)
                ? lost + ", as much, and was considered first (by media, deals before the open auction)" : lost;
    }

    /** Micros as a decimal with at least two places: 1200000 is 1.20. */
    static String money(long micros) {
        return CampaignBudget.money(micros);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String instant(long millis) {
        return millis == 0 ? "the start" : millis == Campaign.NO_END ? "no end"
                : Instant.ofEpochMilli(millis).toString();
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static <T extends Comparable<T>> List<T> sorted(Collection<T> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }

    private static List<String> common(Collection<String> blocked, List<String> suffixes) {
        return suffixes.stream().filter(blocked::contains).toList();
    }
}
