package org.fargatedsp.bidder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.Pacing;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.json.Json;

/**
 * The bid requests and campaign sets the benchmarks run on, built from the IAB examples and the embedded campaigns
 * so that every benchmark measures the same work.
 *
 * <p>The typical banner request is the OpenRTB 2.6 "simple banner" example (300x250 on a site, $0.03 floor) with
 * a desktop device in the USA added, so that country, device type and OS targeting have work to do. Requests are
 * compact JSON, as exchanges send them.
 */
public final class Workload {
    private Workload() {}

    /** The bytes of an IAB example request, such as {@code 2.6/simple-banner}. */
    public static byte[] example(String name) {
        String resource = "/openrtb/examples/requests/" + name + ".json";
        try (InputStream in = Workload.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no example request " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typical banner request, which the default campaigns and most generated ones can bid on. */
    public static byte[] typicalBanner() {
        return bytes(typicalBannerTree());
    }

    /**
     * The typical banner request with every IAB tier-1 category in {@code bcat}: every campaign matches the
     * targeting but is blocked, so the auction looks at every index word before it gives up. A worst-case no-bid.
     */
    public static byte[] noBidBlockedCategories() {
        ObjectNode request = typicalBannerTree();
        ArrayNode bcat = request.putArray("bcat");
        for (int i = 1; i <= 26; i++) {
            bcat.add("IAB" + i);
        }
        return bytes(request);
    }

    /**
     * The typical native request: the OpenRTB 2.5 "native ad" example with its elided Native request filled in
     * as a Native 1.2 in-feed request (a required title of at most 90 characters, a required main image of at least
     * 600x314, an optional 80x80 icon, a required sponsor name and an optional description), sent as a string, from
     * a desktop in the USA.
     */
    public static byte[] typicalNative() {
        try {
            ObjectNode request = (ObjectNode) Json.MAPPER.readTree(example("2.5/native-ad"));
            ObjectNode nativeObject = (ObjectNode) request.get("imp").get(0).get("native");
            nativeObject.put("ver", "1.2");
            nativeObject.put("request", TYPICAL_NATIVE_REQUEST);
            ObjectNode device = (ObjectNode) request.get("device");
            device.put("devicetype", 2);
            device.put("os", "macOS");
            device.putObject("geo").put("country", "USA");
            return bytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String TYPICAL_NATIVE_REQUEST = "{\"ver\":\"1.2\",\"context\":2,\"plcmttype\":1,"
            + "\"plcmtcnt\":1,\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":90}},"
            + "{\"id\":2,\"required\":1,\"img\":{\"type\":3,\"wmin\":600,\"hmin\":314,"
            + "\"mimes\":[\"image/jpeg\",\"image/png\"]}},{\"id\":3,\"img\":{\"type\":1,\"w\":80,\"h\":80}},"
            + "{\"id\":4,\"required\":1,\"data\":{\"type\":1,\"len\":25}},"
            + "{\"id\":5,\"data\":{\"type\":2,\"len\":140}}],"
            + "\"eventtrackers\":[{\"event\":1,\"methods\":[1]}]}";

    /** The typical banner request for a 301x251 banner, a size no creative has: the cheapest no-bid. */
    public static byte[] noBidUnknownSize() {
        ObjectNode request = typicalBannerTree();
        ObjectNode banner = (ObjectNode) request.get("imp").get(0).get("banner");
        banner.put("w", 301);
        banner.put("h", 251);
        return bytes(request);
    }

    /**
     * The auction's requests by the names {@code MatchBenchmark} and {@code CheckBenchmark} take: {@code banner},
     * {@code noBidBlocked}, {@code noBidSize}.
     */
    public static byte[] auctionRequest(String name) {
        return switch (name) {
            case "banner" -> typicalBanner();
            case "noBidBlocked" -> noBidBlockedCategories();
            case "noBidSize" -> noBidUnknownSize();
            default -> throw new IllegalArgumentException("unknown request " + name);
        };
    }

    private static ObjectNode typicalBannerTree() {
        try {
            ObjectNode request = (ObjectNode) Json.MAPPER.readTree(example("2.6/simple-banner"));
            ObjectNode device = request.putObject("device");
            device.put("ua", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                    + "(KHTML, like Gecko) Version/17.4 Safari/605.1.15");
            device.put("ip", "123.145.167.10");
            device.put("devicetype", 2);
            device.put("os", "macOS");
            ObjectNode geo = device.putObject("geo");
            geo.put("country", "USA");
            geo.put("region", "CA");
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode request) {
        try {
            return Json.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded default campaigns plus {@code synthetic} generated ones, indexed and encoded. */
    public static Catalog catalog(int synthetic) {
        return catalog(campaigns(synthetic), new BudgetLedger());
    }

    /** The embedded default campaigns plus {@code synthetic} generated ones. */
    public static List<Campaign> campaigns(int synthetic) {
        return new ArrayList<>(new FileCampaignSource(null, synthetic, null).load());
    }

    /**
     * The embedded default campaigns plus {@code synthetic} generated ones, each with a daily budget no run spends
     * (a billion currency units a day, as soon as possible), for budgets leased from a table.
     */
    public static List<Campaign> campaignsWithLargeBudgets(int synthetic) {
        List<Campaign> large = new ArrayList<>();
        for (Campaign c : campaigns(synthetic)) {
            large.add(new Campaign(c.id(), c.name(), c.active(), c.seat(), c.adomain(), c.bundle(), c.cat(),
                    c.bidMicros(), 1_000_000_000_000_000L, Campaign.NO_BUDGET, c.timezone(), Pacing.ASAP,
                    c.startMillis(), c.endMillis(), c.coppaAllowed(), c.targeting(), c.creatives()));
        }
        return large;
    }

    /** {@code campaigns} indexed and encoded, their budgets kept by {@code ledger}. */
    public static Catalog catalog(List<Campaign> campaigns, BudgetLedger ledger) {
        return Catalog.of(new CampaignSnapshot(campaigns, ledger, System.currentTimeMillis(), "benchmark"));
    }

    /** Floors and bids in US dollars, with no other currency. */
    public static FxRates usd() {
        List<String> errors = new ArrayList<>();
        FxRates fx = FxRates.parse("USD", "", "FX_RATES", errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
        return fx;
    }
}
