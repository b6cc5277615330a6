package org.fargatedsp.bidder.campaign;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a large, realistic-looking campaign set from a seed, for load tests and benchmarks: a mix of banner
 * sizes, video and native, bids from $0.10 to $8 CPM, and targeting by country, device type and OS on most of
 * them, so that matching has real work to do. The same seed always gives the same campaigns.
 */
public final class SyntheticCampaigns {
    private static final int[][] SIZES = {
        {300, 250}, {728, 90}, {320, 50}, {160, 600}, {300, 600}, {970, 250}, {468, 60}, {320, 100}, {336, 280}};
    private static final String[] COUNTRIES = {
        "USA", "CAN", "GBR", "DEU", "FRA", "ESP", "ITA", "NLD", "JPN", "BRA", "MEX", "AUS", "IND", "KOR", "SWE"};
    private static final String[] OS = {"ios", "android", "windows", "macos", "linux"};
    private static final String[] CATEGORIES = {
        "IAB1", "IAB2", "IAB3", "IAB4", "IAB5", "IAB6", "IAB7", "IAB8", "IAB9", "IAB10", "IAB12", "IAB13", "IAB17",
        "IAB18", "IAB19", "IAB20", "IAB22"};

    private SyntheticCampaigns() {}

    /**
     * Writes {@code count} generated campaigns as a campaign file to standard output:
     * {@code java -cp bidder.jar org.fargatedsp.bidder.campaign.SyntheticCampaigns 10000 > campaigns.json}.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || !args[0].matches("[0-9]{1,7}")
                || (args.length == 2 && !args[1].matches("-?[0-9]{1,18}"))) {
            System.err.println("usage: SyntheticCampaigns COUNT [SEED]");
            System.exit(3);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : 42;
        CampaignFile.write(generate(Integer.parseInt(args[0]), seed), System.out);
    }

    /** {@code count} campaigns with ids {@code synthetic-0} upward. */
    public static List<Campaign> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Campaign> campaigns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            campaigns.add(campaign(i, random));
        }
        return campaigns;
    }

    private static Campaign campaign(int n, SplittableRandom random) {
        String id = "synthetic-" + n;
        String domain = "advertiser" + random.nextInt(2000) + ".example";
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)] + "-" + (1 + random.nextInt(9));
        long bid = 100_000L + random.nextLong(7_900_000L);
        Targeting targeting = new Targeting(
                random.nextInt(10) < 7 ? pick(COUNTRIES, 1 + random.nextInt(4), random) : Set.of(),
                random.nextInt(10) < 5 ? deviceTypes(random) : Set.of(),
                random.nextInt(10) < 4 ? pick(OS, 1 + random.nextInt(2), random) : Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                random.nextInt(50) == 0 ? Set.of("SYN-DEAL-" + random.nextInt(20)) : Set.of());
        List<Creative> creatives = new ArrayList<>();
        int kind = random.nextInt(20);
        if (kind == 0) {
            creatives.add(new Creative(id + "-video", MediaType.VIDEO, 640, 480, List.of("video/mp4"),
                    15 * (1 + random.nextInt(2)), Set.of(2, 3, 5, 6), Set.of(), vast(id)));
        } else if (kind == 1) {
            creatives.add(Creative.nativeCreative(id + "-native", Set.of(), nativeAd(id, domain)));
        } else {
            int sizes = 1 + random.nextInt(3);
            Set<Integer> used = new LinkedHashSet<>();
            for (int s = 0; s < sizes; s++) {
                int pick = random.nextInt(SIZES.length);
                if (used.add(pick)) {
                    int w = SIZES[pick][0];
                    int h = SIZES[pick][1];
                    creatives.add(new Creative(id + "-" + w + "x" + h, MediaType.BANNER, w, h, List.of(), 0,
                            Set.of(), random.nextInt(8) == 0 ? Set.of(1 + random.nextInt(16)) : Set.of(),
                            "<a href=\"https://" + domain + "/\"><img src=\"https://cdn." + domain + "/" + w + "x" + h
                                    + ".png\" width=\"" + w + "\" height=\"" + h + "\"></a>"));
                }
            }
        }
        return new Campaign(id, "Synthetic campaign " + n, true, null, List.of(domain), null, List.of(category),
                bid, 1_000_000_000L, 0L, Campaign.NO_END, false, targeting, creatives);
    }

    /** An in-feed native ad: a title, a main image and an icon, the sponsor and a description. */
    private static NativeAd nativeAd(String id, String domain) {
        String cdn = "https://cdn." + domain + "/native/" + id;
        return new NativeAd("Synthetic native ad " + id,
                List.of(new NativeAd.Image(3, cdn + "-1200x627.jpg", 1200, 627, "image/jpeg"),
                        new NativeAd.Image(1, cdn + "-80x80.png", 80, 80, "image/png")),
                List.of(new NativeAd.Data(1, domain), new NativeAd.Data(2, "A generated native ad for load tests.")),
                new NativeAd.Link("https://" + domain + "/", List.of()),
                List.of(cdn + "/imp?price=${AUCTION_PRICE}"), List.of());
    }

    private static Set<String> pick(String[] values, int count, SplittableRandom random) {
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(values[random.nextInt(values.length)]);
        }
        return picked;
    }

    private static Set<Integer> deviceTypes(SplittableRandom random) {
        // Mobile/tablet (1), PC (2), phone (4), tablet (5), connected TV (3).
        int[][] groups = {{1, 4, 5}, {2}, {4}, {3, 7}, {2, 5}};
        Set<Integer> types = new LinkedHashSet<>();
        for (int type : groups[random.nextInt(groups.length)]) {
            types.add(type);
        }
        return types;
    }

    private static String vast(String id) {
        return "<VAST version=\"4.2\"><Ad id=\"" + id + "\"><InLine><AdSystem>fargate-dsp</AdSystem><AdTitle>" + id
                + "</AdTitle><Creatives><Creative><Linear><Duration>00:00:15</Duration><MediaFiles>"
                + "<MediaFile delivery=\"progressive\" type=\"video/mp4\" width=\"640\" height=\"480\">"
                + "<![CDATA[https://cdn.example/" + id + ".mp4]]></MediaFile></MediaFiles></Linear></Creative>"
                + "</Creatives></InLine></Ad></VAST>";
    }
}
