package org.fargatedsp.bidder.campaign;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The match index of one campaign set, built once when the set is loaded and never changed.
 *
 * <p>Every (active campaign, creative) pair is an entry. Entries are ordered by bid, highest first, and every
 * targeting dimension, media kind and block list is a bitset over entries, so that a request is answered by
 * combining a handful of bitsets ({@link EntryQuery}) instead of looking at each campaign.
 */
public final class CampaignIndex {
    private static final Comparator<Entry> BY_BID_DESCENDING = Comparator
            .comparingLong((Entry e) -> -e.campaign.bidMicros())
            .thenComparing(e -> e.campaign.id())
            .thenComparing(e -> e.creative.id());

    private final int size;
    private final Campaign[] campaign;
    private final Creative[] creative;
    private final long[] bidMicros;
    private final long[] all;
    private final IntObjectHashMap<long[]> bannerBySize = new IntObjectHashMap<>();
    private final long[] video;
    private final long[] audio;
    private final long[] nativeAds;
    private final NativeIndex nativeAssets;
    private final long[] openAuction;
    private final ValueIndex deals;
    private final ValueIndex countries;
    private final long[][] deviceTypes;
    private final ValueIndex os;
    private final ValueIndex inventoryCats;
    private final ValueIndex domains;
    private final ValueIndex bundles;
    private final ValueIndex blockedDomains;
    private final ValueIndex blockedBundles;
    private final ValueIndex categories;
    private final ValueIndex advertiserDomains;
    private final ValueIndex advertisedBundles;
    private final long[][] attributes = new long[64][];
    private final long[] coppaAllowed;
    private final boolean anyCoppaRestriction;

    private record Entry(Campaign campaign, Creative creative) {}

    private CampaignIndex(List<Entry> entries) {
        size = entries.size();
        int words = Bitsets.words(size);
        campaign = new Campaign[size];
        creative = new Creative[size];
        bidMicros = new long[size];
        all = new long[words];
        video = new long[words];
        audio = new long[words];
        nativeAds = new long[words];
        nativeAssets = new NativeIndex(size);
        openAuction = new long[words];
        coppaAllowed = new long[words];
        ValueIndex.Builder dealsB = new ValueIndex.Builder(size);
        ValueIndex.Builder countriesB = new ValueIndex.Builder(size);
        ValueIndex.Builder deviceTypesB = new ValueIndex.Builder(size);
        ValueIndex.Builder osB = new ValueIndex.Builder(size);
        ValueIndex.Builder inventoryCatsB = new ValueIndex.Builder(size);
        ValueIndex.Builder domainsB = new ValueIndex.Builder(size);
        ValueIndex.Builder bundlesB = new ValueIndex.Builder(size);
        ValueIndex.Builder blockedDomainsB = new ValueIndex.Builder(size);
        ValueIndex.Builder blockedBundlesB = new ValueIndex.Builder(size);
        ValueIndex.Builder categoriesB = new ValueIndex.Builder(size);
        ValueIndex.Builder advertiserDomainsB = new ValueIndex.Builder(size);
        ValueIndex.Builder advertisedBundlesB = new ValueIndex.Builder(size);
        boolean restricted = false;
        for (int e = 0; e < size; e++) {
            Campaign c = entries.get(e).campaign;
            Creative cr = entries.get(e).creative;
            campaign[e] = c;
            creative[e] = cr;
            bidMicros[e] = c.bidMicros();
            Bitsets.set(all, e);
            switch (cr.type()) {
                case BANNER -> Bitsets.set(bannerBySize.computeIfAbsent(sizeKey(cr.w(), cr.h()),
                        k -> new long[words]), e);
                case VIDEO -> Bitsets.set(video, e);
                case AUDIO -> Bitsets.set(audio, e);
                case NATIVE -> {
                    Bitsets.set(nativeAds, e);
                    nativeAssets.add(e, cr.nativeAd());
                }
                default -> throw new IllegalStateException("unknown media type " + cr.type());
            }
            Targeting t = c.targeting();
            if (t.deals().isEmpty()) {
                Bitsets.set(openAuction, e);
            }
            dealsB.add(e, t.deals());
            countriesB.add(e, t.countries());
            deviceTypesB.add(e, t.deviceTypes().stream().map(String::valueOf).toList());
            osB.add(e, t.os());
            inventoryCatsB.add(e, t.inventoryCats());
            domainsB.add(e, t.domains());
            bundlesB.add(e, t.bundles());
            blockedDomainsB.add(e, t.blockedDomains());
            blockedBundlesB.add(e, t.blockedBundles());
            categoriesB.add(e, withParents(c.cat()));
            advertiserDomainsB.add(e, c.adomain().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
            advertisedBundlesB.add(e, c.bundle() == null ? List.of() : List.of(c.bundle()));
            for (int attribute : cr.attr()) {
                if (attributes[attribute] == null) {
                    attributes[attribute] = new long[words];
                }
                Bitsets.set(attributes[attribute], e);
            }
            if (c.coppaAllowed()) {
                Bitsets.set(coppaAllowed, e);
            } else {
                restricted = true;
            }
        }
        anyCoppaRestriction = restricted;
        deals = dealsB.buildTargetedOnly();
        countries = countriesB.buildIncludingUntargeted();
        ValueIndex deviceTypeIndex = deviceTypesB.buildIncludingUntargeted();
        deviceTypes = new long[9][];
        for (int type = 0; type < deviceTypes.length; type++) {
            deviceTypes[type] = deviceTypeIndex.eligible(type == 0 ? null : String.valueOf(type));
        }
        os = osB.buildIncludingUntargeted();
        inventoryCats = inventoryCatsB.buildTargetedOnly();
        domains = domainsB.buildTargetedOnly();
        bundles = bundlesB.buildIncludingUntargeted();
        blockedDomains = blockedDomainsB.buildTargetedOnly();
        blockedBundles = blockedBundlesB.buildTargetedOnly();
        categories = categoriesB.buildTargetedOnly();
        advertiserDomains = advertiserDomainsB.buildTargetedOnly();
        advertisedBundles = advertisedBundlesB.buildTargetedOnly();
    }

    /** Indexes the active campaigns among {@code campaigns}; paused ones are left out. */
    public static CampaignIndex build(List<Campaign> campaigns) {
        List<Entry> entries = new ArrayList<>();
        for (Campaign c : campaigns) {
            if (c.active()) {
                for (Creative cr : c.creatives()) {
                    entries.add(new Entry(c, cr));
                }
            }
        }
        entries.sort(BY_BID_DESCENDING);
        return new CampaignIndex(entries);
    }

    static int sizeKey(int w, int h) {
        return (w << 16) | (h & 0xFFFF);
    }

    /** A category and, for a subcategory such as IAB3-1, its parent IAB3: blocking a parent blocks its children. */
    static Set<String> withParents(List<String> cats) {
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String cat : cats) {
            result.add(cat);
            int dash = cat.indexOf('-');
            if (dash > 0) {
                result.add(cat.substring(0, dash));
            }
        }
        return result;
    }

    public int size() {
        return size;
    }

    public Campaign campaign(int entry) {
        return campaign[entry];
    }

    public Creative creative(int entry) {
        return creative[entry];
    }

    public long bidMicros(int entry) {
        return bidMicros[entry];
    }

    /** Every entry. */
    public long[] all() {
        return all;
    }

    /** Banner entries of exactly {@code w} x {@code h}; null when there are none. */
    public long[] banners(int w, int h) {
        if (w <= 0 || h <= 0 || w > 0xFFFF || h > 0xFFFF) {
            return null;
        }
        return bannerBySize.get(sizeKey(w, h));
    }

    public long[] video() {
        return video;
    }

    public long[] audio() {
        return audio;
    }

    public long[] nativeAds() {
        return nativeAds;
    }

    /** Which native entries have which kinds of assets. */
    public NativeIndex nativeAssets() {
        return nativeAssets;
    }

    /** Entries of campaigns without deal targeting: the ones that may bid in the open auction. */
    public long[] openAuction() {
        return openAuction;
    }

    /** Entries of campaigns targeting deal {@code dealId}; null when none do. */
    public long[] deal(String dealId) {
        return deals.targeting(dealId);
    }

    public long[] country(String alpha3) {
        return countries.eligible(alpha3);
    }

    /** Entries eligible for an OpenRTB device type; null when no campaign targets device types. */
    public long[] deviceType(int devicetype) {
        return devicetype > 0 && devicetype < deviceTypes.length ? deviceTypes[devicetype] : deviceTypes[0];
    }

    public long[] os(String lowerCaseOs) {
        return os.eligible(lowerCaseOs);
    }

    public long[] bundle(String bundle) {
        return bundles.eligible(bundle);
    }

    /** The inventory-category dimension: untargeted entries plus {@link #inventoryCategory(String)}. */
    public ValueIndex inventoryCategories() {
        return inventoryCats;
    }

    /** Entries targeting inventory category {@code cat} exactly; null when none. */
    public long[] inventoryCategory(String cat) {
        return inventoryCats.targeting(cat);
    }

    /** The domain allow-list dimension, matched by domain suffix (a campaign on a.com also runs on www.a.com). */
    public ValueIndex domainAllowList() {
        return domains;
    }

    public long[] blockedOnDomain(String lowerCaseDomain) {
        return blockedDomains.targeting(lowerCaseDomain);
    }

    public boolean anyDomainBlocks() {
        return blockedDomains.constrains();
    }

    public long[] blockedOnBundle(String bundle) {
        return blockedBundles.targeting(bundle);
    }

    /** Entries whose campaign is in category {@code cat} or one of its subcategories (for {@code bcat}). */
    public long[] inCategory(String cat) {
        return categories.targeting(cat);
    }

    /** Entries advertising {@code lowerCaseDomain} (for {@code badv}). */
    public long[] advertising(String lowerCaseDomain) {
        return advertiserDomains.targeting(lowerCaseDomain);
    }

    /** Entries advertising app {@code bundle} (for {@code bapp}). */
    public long[] advertisingApp(String bundle) {
        return advertisedBundles.targeting(bundle);
    }

    /** Entries whose creative has IAB attribute {@code attribute} (for {@code battr}); null when none. */
    public long[] withAttribute(int attribute) {
        return attribute > 0 && attribute < attributes.length ? attributes[attribute] : null;
    }

    /** Entries allowed on COPPA traffic; null when every campaign allows it. */
    public long[] coppaAllowed() {
        return anyCoppaRestriction ? coppaAllowed : null;
    }
}
