package org.fargatedsp.bidder.campaign;

import java.util.Set;

/**
 * Where a campaign may bid. An empty set means "not targeted on this dimension", so anything matches; a
 * non-empty allow set must contain the request's value. Countries are ISO-3166-1 alpha-3, OS names lower case,
 * device types from OpenRTB list 5.21, inventory categories IAB content categories (a parent such as IAB2 also
 * matches its children IAB2-1, IAB2-2, ...). A campaign with {@code deals} bids only inside those deals.
 */
public record Targeting(
        Set<String> countries,
        Set<Integer> deviceTypes,
        Set<String> os,
        Set<String> inventoryCats,
        Set<String> domains,
        Set<String> blockedDomains,
        Set<String> bundles,
        Set<String> blockedBundles,
        Set<String> deals) {

    /** Targeting that matches everything, outside deals. */
    public static final Targeting NONE =
            new Targeting(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public Targeting {
        countries = Set.copyOf(countries);
        deviceTypes = Set.copyOf(deviceTypes);
        os = Set.copyOf(os);
        inventoryCats = Set.copyOf(inventoryCats);
        domains = Set.copyOf(domains);
        blockedDomains = Set.copyOf(blockedDomains);
        bundles = Set.copyOf(bundles);
        blockedBundles = Set.copyOf(blockedBundles);
        deals = Set.copyOf(deals);
    }
}
