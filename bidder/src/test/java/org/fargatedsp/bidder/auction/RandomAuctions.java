package org.fargatedsp.bidder.auction;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.campaign.TestCampaigns;

/**
 * Random campaigns and requests for the tests that compare auctions, drawn from small value pools so that
 * targeting, blocks, deals and floors collide often.
 */
final class RandomAuctions {
    private static final String[] COUNTRIES = {"USA", "GBR", "DEU", "FRA"};
    private static final String[] REQUEST_COUNTRIES = {"USA", "us", "GB", "DEU", "FRA", "ESP"};
    private static final String[] OS = {"ios", "android", "windows"};
    private static final String[] REQUEST_OS = {"iOS", "Android", "windows", "Linux"};
    private static final String[] DOMAINS = {"foobar.com", "news.foobar.com", "other.org", "example.net"};
    private static final String[] REQUEST_DOMAINS = {"www.foobar.com", "news.foobar.com", "other.org", "x.example.net",
        "unknown.io"};
    private static final String[] BUNDLES = {"com.a", "com.b", "com.c"};
    private static final String[] CATS = {"IAB1", "IAB1-1", "IAB1-2", "IAB2", "IAB2-3", "IAB25"};
    private static final String[] DEALS = {"D1", "D2", "D3"};
    private static final String[] SEATS = {"s1", "s2"};
    private static final int[][] SIZES = {{300, 250}, {728, 90}, {320, 50}, {320, 480}};
    private static final String[] MIMES = {"video/mp4", "video/webm"};
    private static final int[][] IMAGE_SIZES = {{1200, 627}, {627, 627}, {80, 80}, {300, 250}};
    private static final int[] DATA_TYPES = {1, 2, 12};

    private RandomAuctions() {}

    /** A campaign {@code id} drawn from the pools, paused, out of flight or deal-only now and then. */
    static Campaign campaign(String id, SplittableRandom r) {
        TestCampaigns c = TestCampaigns.campaign(id).bid((1 + r.nextInt(40)) / 10.0)
                .adomain(id + ".example", r.nextInt(5) == 0 ? "shared.example" : id + "-2.example")
                .cat(pick(CATS, r));
        if (r.nextInt(3) == 0) {
            c.countries(pickSet(COUNTRIES, r));
        }
        if (r.nextInt(4) == 0) {
            c.deviceTypes(r.nextBoolean() ? new Integer[] {1, 4} : new Integer[] {2});
        }
        if (r.nextInt(4) == 0) {
            c.os(pickSet(OS, r));
        }
        if (r.nextInt(5) == 0) {
            c.domains(pickSet(DOMAINS, r));
        }
        if (r.nextInt(5) == 0) {
            c.blockedDomains(pickSet(DOMAINS, r));
        }
        if (r.nextInt(6) == 0) {
            c.bundles(pickSet(BUNDLES, r));
        }
        if (r.nextInt(6) == 0) {
            c.blockedBundles(pickSet(BUNDLES, r));
        }
        if (r.nextInt(4) == 0) {
            c.inventoryCats(pickSet(CATS, r));
        }
        if (r.nextInt(5) == 0) {
            c.deals(pickSet(DEALS, r));
        }
        if (r.nextInt(3) == 0) {
            c.seat(pick(SEATS, r));
        }
        if (r.nextInt(4) == 0) {
            c.bundle(pick(BUNDLES, r));
        }
        if (r.nextInt(5) == 0) {
            c.coppaAllowed();
        }
        if (r.nextInt(10) == 0) {
            c.flight(AuctionFixture.NOW + 1, AuctionFixture.NOW + 2);
        }
        if (r.nextInt(10) == 0) {
            c.paused();
        }
        int creatives = 1 + r.nextInt(3);
        for (int i = 0; i < creatives; i++) {
            switch (r.nextInt(6)) {
                case 0 -> c.video(5 + 5 * r.nextInt(6), List.of(pick(MIMES, r)), 2 + r.nextInt(3), 5);
                case 1 -> c.nativeAd("native-" + i, randomNativeAd(id, r),
                        r.nextInt(4) == 0 ? new Integer[] {1 + r.nextInt(14)} : new Integer[0]);
                case 2 -> c.audio(15 + 15 * r.nextInt(2), List.of("audio/mp4"), 2, 9);
                default -> {
                    int[] size = SIZES[r.nextInt(SIZES.length)];
                    c.banner(size[0], size[1], r.nextInt(4) == 0 ? new Integer[] {1 + r.nextInt(14)} : new Integer[0]);
                }
            }
        }
        return deduplicateCreatives(c.build());
    }

    /** {@code count} random campaigns, c0 to c{count - 1}. */
    static List<Campaign> campaigns(int count, SplittableRandom r) {
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            campaigns.add(campaign("c" + i, r));
        }
        return campaigns;
    }

    /** Random creatives can repeat an id (same size twice); keep the first. */
    private static Campaign deduplicateCreatives(Campaign c) {
        List<org.fargatedsp.bidder.campaign.Creative> unique = new ArrayList<>();
        for (var cr : c.creatives()) {
            if (unique.stream().noneMatch(u -> u.id().equals(cr.id()))) {
                unique.add(cr);
            }
        }
        return new Campaign(c.id(), c.name(), c.active(), c.seat(), c.adomain(), c.bundle(), c.cat(), c.bidMicros(),
                c.dailyBudgetMicros(), c.startMillis(), c.endMillis(), c.coppaAllowed(), c.targeting(), unique);
    }

    /** A request of one or two impressions of random media, floors, deals and targeting, as JSON. */
    static String request(SplittableRandom r) {
        StringBuilder json = new StringBuilder("{\"id\":\"r\",\"imp\":[");
        int imps = 1 + r.nextInt(2);
        for (int i = 0; i < imps; i++) {
            if (i > 0) {
                json.append(',');
            }
            // Some floors depart from the spec as exchanges' do: sent as text (coerced), or negative (unbiddable).
            double floor = r.nextInt(30) / 10.0;
            int departure = r.nextInt(12);
            json.append("{\"id\":\"").append(i + 1).append("\",\"bidfloor\":")
                    .append(departure == 0 ? "\"" + floor + "\"" : departure == 1 ? "-" + (floor + 1) : floor);
            if (r.nextInt(8) == 0) {
                json.append(",\"bidfloorcur\":\"").append(r.nextBoolean() ? "EUR" : "JPY").append('"');
            }
            int kind = r.nextInt(6);
            if (kind <= 2) {
                int[] size = SIZES[r.nextInt(SIZES.length)];
                json.append(",\"banner\":{\"w\":").append(r.nextInt(6) == 0 ? 0 : size[0]).append(",\"h\":")
                        .append(size[1]);
                if (r.nextBoolean()) {
                    int[] other = SIZES[r.nextInt(SIZES.length)];
                    json.append(",\"format\":[{\"w\":").append(other[0]).append(",\"h\":").append(other[1]).append("}]");
                }
                if (r.nextInt(3) == 0) {
                    json.append(",\"battr\":[").append(1 + r.nextInt(14)).append(']');
                }
                json.append('}');
                if (r.nextInt(5) == 0) {
                    json.append(",\"instl\":1");
                }
            }
            if (kind == 3 || r.nextInt(8) == 0) {
                json.append(",\"video\":{\"mimes\":[\"").append(pick(MIMES, r)).append("\"],\"minduration\":")
                        .append(r.nextInt(10)).append(",\"maxduration\":").append(10 + r.nextInt(30))
                        .append(",\"protocols\":[").append(1 + r.nextInt(6)).append("]}");
            }
            if (kind == 4) {
                json.append(",\"native\":{").append(randomNativeRequest(r));
                if (r.nextInt(3) == 0) {
                    json.append(",\"battr\":[").append(1 + r.nextInt(14)).append(']');
                }
                json.append('}');
            }
            if (kind == 5) {
                json.append(",\"audio\":{\"mimes\":[\"audio/mp4\"],\"maxduration\":").append(15 + r.nextInt(30))
                        .append('}');
            }
            if (r.nextInt(4) == 0) {
                json.append(",\"pmp\":{\"private_auction\":").append(r.nextInt(2)).append(",\"deals\":[{\"id\":\"")
                        .append(pick(DEALS, r)).append("\",\"bidfloor\":").append(r.nextInt(30) / 10.0);
                if (r.nextBoolean()) {
                    json.append(",\"wseat\":[\"").append(pick(SEATS, r)).append("\"]");
                }
                json.append("},{\"id\":\"").append(pick(DEALS, r)).append("\"}]}");
            }
            json.append('}');
        }
        json.append(']');
        if (r.nextBoolean()) {
            json.append(",\"site\":{\"domain\":\"").append(pick(REQUEST_DOMAINS, r)).append("\",\"cat\":[\"")
                    .append(pick(CATS, r)).append("\"]}");
        } else if (r.nextBoolean()) {
            json.append(",\"app\":{\"bundle\":\"").append(pick(BUNDLES, r)).append("\",\"cat\":[\"")
                    .append(pick(CATS, r)).append("\"]}");
        }
        json.append(",\"device\":{\"devicetype\":").append(r.nextInt(6)).append(",\"os\":\"").append(pick(REQUEST_OS, r))
                .append("\",\"geo\":{\"country\":\"").append(pick(REQUEST_COUNTRIES, r)).append("\"}}");
        if (r.nextInt(3) == 0) {
            json.append(",\"bcat\":[\"").append(pick(CATS, r)).append("\"]");
        }
        if (r.nextInt(4) == 0) {
            json.append(",\"badv\":[\"shared.example\"]");
        }
        if (r.nextInt(5) == 0) {
            json.append(",\"bapp\":[\"").append(pick(BUNDLES, r)).append("\"]");
        }
        if (r.nextInt(6) == 0) {
            json.append(",\"wseat\":[\"").append(pick(SEATS, r)).append("\"]");
        }
        if (r.nextInt(6) == 0) {
            json.append(",\"bseat\":[\"").append(pick(SEATS, r)).append("\"]");
        }
        if (r.nextInt(6) == 0) {
            json.append(",\"regs\":{\"coppa\":1}");
        }
        if (r.nextInt(8) == 0) {
            json.append(",\"cur\":[\"").append(r.nextBoolean() ? "USD" : "EUR").append("\"]");
        }
        return json.append('}').toString();
    }

    /** Some of a title, images of a few types and sizes, and data of a few types, with long and short texts. */
    private static NativeAd randomNativeAd(String id, SplittableRandom r) {
        List<NativeAd.Image> images = new ArrayList<>();
        for (int n = r.nextInt(4); n > 0; n--) {
            int[] size = IMAGE_SIZES[r.nextInt(IMAGE_SIZES.length)];
            images.add(new NativeAd.Image(1 + r.nextInt(3), "https://cdn.example/" + id + ".png", size[0], size[1],
                    r.nextInt(4) == 0 ? "image/jpeg" : "image/png"));
        }
        List<NativeAd.Data> data = new ArrayList<>();
        for (int n = r.nextInt(4); n > 0; n--) {
            data.add(new NativeAd.Data(DATA_TYPES[r.nextInt(DATA_TYPES.length)], "x".repeat(1 + r.nextInt(60))));
        }
        String title = r.nextInt(4) == 0 && !(images.isEmpty() && data.isEmpty()) ? null
                : "t".repeat(1 + r.nextInt(100));
        return new NativeAd(title, images, data, new NativeAd.Link("https://" + id + ".example/", List.of()),
                List.of(), List.of());
    }

    /** A native request of one to five random assets, as a string or, now and then, as an object. */
    private static String randomNativeRequest(SplittableRandom r) {
        StringBuilder assets = new StringBuilder();
        int count = 1 + r.nextInt(5);
        for (int id = 1; id <= count; id++) {
            assets.append(id > 1 ? "," : "").append("{\"id\":").append(id)
                    .append(",\"required\":").append(r.nextInt(2));
            switch (r.nextInt(4)) {
                case 0 -> assets.append(",\"title\":{\"len\":").append(r.nextInt(4) * 30).append('}');
                case 1 -> {
                    int[] size = IMAGE_SIZES[r.nextInt(IMAGE_SIZES.length)];
                    assets.append(",\"img\":{\"type\":").append(r.nextInt(4));
                    if (r.nextBoolean()) {
                        assets.append(",\"w\":").append(size[0]).append(",\"h\":").append(size[1]);
                    } else {
                        int divisor = 1 + r.nextInt(2);
                        assets.append(",\"wmin\":").append(size[0] / divisor).append(",\"hmin\":")
                                .append(size[1] / divisor);
                    }
                    if (r.nextInt(3) == 0) {
                        assets.append(",\"mimes\":[\"image/jpeg\"]");
                    }
                    assets.append('}');
                }
                case 2 -> assets.append(",\"data\":{\"type\":").append(DATA_TYPES[r.nextInt(DATA_TYPES.length)])
                        .append(",\"len\":").append(r.nextInt(3) * 25).append('}');
                default -> assets.append(",\"video\":{\"mimes\":[\"video/mp4\"]}");
            }
            assets.append('}');
        }
        String request = "{\"ver\":\"1.2\",\"assets\":[" + assets + "]}";
        if (r.nextInt(4) == 0) {
            return "\"request\":" + request;
        }
        return "\"request\":\"" + request.replace("\"", "\\\"") + "\"";
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    private static String[] pickSet(String[] values, SplittableRandom r) {
        return java.util.Arrays.stream(values).filter(v -> r.nextInt(3) == 0).findAny()
                .map(v -> new String[] {v, pick(values, r)}).orElse(new String[] {pick(values, r)});
    }
}
