package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.NativeIndex;
import org.fargatedsp.bidder.campaign.ValueIndex;
import org.fargatedsp.bidder.openrtb.App;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Device;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidder.openrtb.NativeRequest;

/**
 * The index sets the auction's query combines ({@link Auctioneer#addRequestFilters}, {@link MediaFit#addFilters},
 * the deal's), each labeled with the {@link Rule} it stands for and reduced to the entries it allows, so that
 * {@link Explainer} can say which rule dropped an entry. Built from the same index lookups as the query; the
 * explainer checks that what is left equals what the query matches.
 */
final class LabeledSets {
    /** Told of each entry a set drops, with the set's rule. */
    interface Dropped {
        void drop(int entry, Rule rule);
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<long[]> allowed = new ArrayList<>();
    private final int words;

    private LabeledSets(CampaignIndex index) {
        this.words = index.all().length;
    }

    /** The request's targeting and block lists, in the order {@link Auctioneer#addRequestFilters} adds them. */
    static LabeledSets forRequest(BidRequest request, CampaignIndex index) {
        LabeledSets s = new LabeledSets(index);
        Device device = request.device();
        s.and(Rule.COUNTRY, index.country(Countries.alpha3(device == null || device.geo() == null ? null
                : device.geo().country())));
        s.and(Rule.DEVICE_TYPE, index.deviceType(device == null ? 0 : device.devicetype()));
        s.and(Rule.OS, index.os(device == null ? null : Auctioneer.osName(device.os())));
        App app = request.app();
        s.and(Rule.BUNDLE, index.bundle(app == null ? null : app.bundle()));
        if (app != null && app.bundle() != null) {
            s.noneOf(Rule.BLOCKED_BUNDLE, Arrays.asList(index.blockedOnBundle(app.bundle())));
        }
        List<String> suffixes = domainSuffixes(request);
        ValueIndex domains = index.domainAllowList();
        if (domains.constrains()) {
            List<long[]> members = new ArrayList<>(List.of(domains.untargeted()));
            suffixes.forEach(d -> members.add(domains.targeting(d)));
            s.anyOf(Rule.DOMAIN, members);
        }
        if (index.anyDomainBlocks()) {
            s.noneOf(Rule.BLOCKED_DOMAIN, suffixes.stream().map(index::blockedOnDomain).toList());
        }
        ValueIndex inventoryCats = index.inventoryCategories();
        if (inventoryCats.constrains()) {
            List<long[]> members = new ArrayList<>(List.of(inventoryCats.untargeted()));
            for (String cat : orEmpty(request.inventoryCategories())) {
                members.add(inventoryCats.targeting(cat));
                int dash = cat.indexOf('-');
                members.add(dash > 0 ? inventoryCats.targeting(cat.substring(0, dash)) : null);
            }
            s.anyOf(Rule.INVENTORY_CATEGORY, members);
        }
        if (request.regs() != null && request.regs().coppa() == 1) {
            s.and(Rule.COPPA, index.coppaAllowed());
        }
        s.noneOf(Rule.BLOCKED_CATEGORY, orEmpty(request.bcat()).stream().map(index::inCategory).toList());
        s.noneOf(Rule.BLOCKED_ADVERTISER, orEmpty(request.badv()).stream()
                .map(d -> index.advertising(d.toLowerCase(Locale.ROOT))).toList());
        s.noneOf(Rule.BLOCKED_APP, orEmpty(request.bapp()).stream().map(index::advertisingApp).toList());
        return s;
    }

    /** The sets of one media and deal of an impression, in the order {@link Auctioneer} adds them. */
    static LabeledSets forContext(ExplainContext context, Imp imp, CampaignIndex index) {
        LabeledSets s = new LabeledSets(index);
        switch (context.media) {
            case BANNER -> {
                long[] other = s.union(List.of(index.video(), index.audio(), index.nativeAds()));
                long[] banners = index.all().clone();
                for (int w = 0; w < banners.length; w++) {
                    banners[w] &= ~other[w];
                }
                s.and(Rule.MEDIA_TYPE, banners);
                s.anyOf(Rule.SIZE, MediaFit.offeredSizes(imp).stream().map(size -> index.banners(size[0], size[1]))
                        .toList());
                s.noneOf(Rule.BLOCKED_ATTRIBUTE, attributes(imp.banner().battr(), index));
            }
            case VIDEO -> {
                s.and(Rule.MEDIA_TYPE, index.video());
                s.noneOf(Rule.BLOCKED_ATTRIBUTE, attributes(imp.video().battr(), index));
            }
            case AUDIO -> {
                s.and(Rule.MEDIA_TYPE, index.audio());
                s.noneOf(Rule.BLOCKED_ATTRIBUTE, attributes(imp.audio().battr(), index));
            }
            case NATIVE -> {
                s.and(Rule.MEDIA_TYPE, index.nativeAds());
                NativeIndex assets = index.nativeAssets();
                for (NativeRequest.Asset asset : imp.native_().request().assets()) {
                    if (asset.isRequired()) {
                        s.and(Rule.NATIVE_ASSET_KINDS, asset.title() != null ? assets.title()
                                : asset.img() != null ? assets.image(asset.img().type())
                                : assets.data(asset.data().type()));
                    }
                }
                s.noneOf(Rule.BLOCKED_ATTRIBUTE, attributes(imp.native_().battr(), index));
            }
            default -> throw new IllegalStateException("unknown media " + context.media);
        }
        if (context.deal != null) {
            s.and(Rule.DEAL, nonNull(index.deal(context.deal.id()), s.words));
        } else {
            // In a private auction the open auction does not take place: nothing passes it.
            s.and(Rule.DEAL, context.open ? index.openAuction() : new long[s.words]);
        }
        return s;
    }

    /**
     * Removes from {@code remaining} every entry a set excludes, telling {@code dropped} of each with the rule of
     * the first set that excludes it.
     */
    void apply(long[] remaining, Dropped dropped) {
        for (int i = 0; i < rules.size(); i++) {
            long[] bits = allowed.get(i);
            for (int w = 0; w < words; w++) {
                for (long drop = remaining[w] & ~bits[w]; drop != 0; drop &= drop - 1) {
                    dropped.drop((w << 6) + Long.numberOfTrailingZeros(drop), rules.get(i));
                }
                remaining[w] &= bits[w];
            }
        }
    }

    /** The domain and its shorter suffixes, as many as the auction looks up: www.a.com, a.com, com. */
    static List<String> domainSuffixes(BidRequest request) {
        String domain = request.inventoryDomain();
        List<String> suffixes = new ArrayList<>();
        if (domain == null) {
            return suffixes;
        }
        domain = domain.toLowerCase(Locale.ROOT);
        for (int from = 0, n = 0; from >= 0 && n < Auctioneer.MAX_DOMAIN_SUFFIXES; n++) {
            suffixes.add(domain.substring(from));
            from = Auctioneer.nextLabel(domain, from);
        }
        return suffixes;
    }

    /** An AND set; null constrains nothing. */
    private void and(Rule rule, long[] bits) {
        if (bits != null) {
            rules.add(rule);
            allowed.add(bits);
        }
    }

    /** An OR group: entries in at least one member (null members are none); no member at all allows nothing. */
    private void anyOf(Rule rule, List<long[]> members) {
        and(rule, union(members));
    }

    /** NOT sets: entries in none of them; nothing to exclude constrains nothing. */
    private void noneOf(Rule rule, List<long[]> excluded) {
        long[] union = union(excluded);
        for (int w = 0; w < words; w++) {
            union[w] = ~union[w];
        }
        and(rule, union);
    }

    private long[] union(List<long[]> sets) {
        long[] union = new long[words];
        for (long[] bits : sets) {
            for (int w = 0; bits != null && w < words; w++) {
                union[w] |= bits[w];
            }
        }
        return union;
    }

    private static List<long[]> attributes(int[] battr, CampaignIndex index) {
        List<long[]> sets = new ArrayList<>();
        for (int i = 0; battr != null && i < battr.length; i++) {
            sets.add(index.withAttribute(battr[i]));
        }
        return sets;
    }

    private static long[] nonNull(long[] bits, int words) {
        return bits != null ? bits : new long[words];
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
