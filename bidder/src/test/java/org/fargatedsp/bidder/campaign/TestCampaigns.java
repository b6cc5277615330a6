package org.fargatedsp.bidder.campaign;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds campaigns for tests: {@code campaign("a").bid(2.5).banner(300, 250).countries("USA").build()}. */
public final class TestCampaigns {
    private String id;
    private boolean active = true;
    private String seat;
    private List<String> adomain;
    private String bundle;
    private List<String> cat = List.of();
    private long bidMicros = 1_000_000;
    private long budgetMicros = 1_000_000_000L;
    private long totalMicros = Campaign.NO_BUDGET;
    private ZoneId timezone = ZoneOffset.UTC;
    private Pacing pacing = Pacing.EVEN;
    private long start;
    private long end = Campaign.NO_END;
    private boolean coppa;
    private Set<String> countries = Set.of();
    private Set<Integer> deviceTypes = Set.of();
    private Set<String> os = Set.of();
    private Set<String> inventoryCats = Set.of();
    private Set<String> domains = Set.of();
    private Set<String> blockedDomains = Set.of();
    private Set<String> bundles = Set.of();
    private Set<String> blockedBundles = Set.of();
    private Set<String> deals = Set.of();
    private final List<Creative> creatives = new ArrayList<>();

    private TestCampaigns(String id) {
        this.id = id;
        this.adomain = List.of(id + ".example");
    }

    public static TestCampaigns campaign(String id) {
        return new TestCampaigns(id);
    }

    public TestCampaigns paused() {
        active = false;
        return this;
    }

    public TestCampaigns seat(String value) {
        seat = value;
        return this;
    }

    public TestCampaigns adomain(String... values) {
        adomain = List.of(values);
        return this;
    }

    public TestCampaigns bundle(String value) {
        bundle = value;
        return this;
    }

    public TestCampaigns cat(String... values) {
        cat = List.of(values);
        return this;
    }

    public TestCampaigns bid(double cpm) {
        bidMicros = Math.round(cpm * 1_000_000);
        return this;
    }

    public TestCampaigns dailyBudget(double amount) {
        budgetMicros = Math.round(amount * 1_000_000);
        return this;
    }

    /** No daily budget: {@link Campaign#NO_BUDGET}. */
    public TestCampaigns noDailyBudget() {
        budgetMicros = Campaign.NO_BUDGET;
        return this;
    }

    public TestCampaigns totalBudget(double amount) {
        totalMicros = Math.round(amount * 1_000_000);
        return this;
    }

    public TestCampaigns timezone(String zone) {
        timezone = ZoneId.of(zone);
        return this;
    }

    public TestCampaigns pacing(Pacing value) {
        pacing = value;
        return this;
    }

    public TestCampaigns flight(long startMillis, long endMillis) {
        start = startMillis;
        end = endMillis;
        return this;
    }

    public TestCampaigns coppaAllowed() {
        coppa = true;
        return this;
    }

    public TestCampaigns countries(String... values) {
        countries = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns deviceTypes(Integer... values) {
        deviceTypes = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns os(String... values) {
        os = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns inventoryCats(String... values) {
        inventoryCats = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns domains(String... values) {
        domains = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns blockedDomains(String... values) {
        blockedDomains = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns bundles(String... values) {
        bundles = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns blockedBundles(String... values) {
        blockedBundles = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns deals(String... values) {
        deals = Set.copyOf(java.util.Arrays.asList(values));
        return this;
    }

    public TestCampaigns banner(int w, int h, Integer... attr) {
        creatives.add(new Creative(id + "-" + w + "x" + h, MediaType.BANNER, w, h, List.of(), 0, Set.of(),
                Set.of(attr), "<div>" + id + "</div>"));
        return this;
    }

    public TestCampaigns video(int durationSeconds, List<String> mimes, Integer... protocols) {
        creatives.add(new Creative(id + "-video-" + durationSeconds, MediaType.VIDEO, 640, 480, mimes,
                durationSeconds, Set.of(protocols), Set.of(), "<VAST version=\"4.2\"/>"));
        return this;
    }

    public TestCampaigns audio(int durationSeconds, List<String> mimes, Integer... protocols) {
        creatives.add(new Creative(id + "-audio-" + durationSeconds, MediaType.AUDIO, 0, 0, mimes,
                durationSeconds, Set.of(protocols), Set.of(), "<VAST version=\"4.2\"/>"));
        return this;
    }

    /** A native creative with a title, a 1200x627 main image, an 80x80 icon, the sponsor and a description. */
    public TestCampaigns nativeAd() {
        return nativeAd("native", typicalNativeAd(id));
    }

    /** A native creative with these assets, its id the campaign's and {@code suffix}. */
    public TestCampaigns nativeAd(String suffix, NativeAd ad, Integer... attr) {
        creatives.add(Creative.nativeCreative(id + "-" + suffix, Set.of(attr), ad));
        return this;
    }

    /** The assets of {@link #nativeAd()}. */
    public static NativeAd typicalNativeAd(String name) {
        return new NativeAd("Native ad of " + name,
                List.of(new NativeAd.Image(3, "https://cdn.example/" + name + "/1200x627.jpg", 1200, 627, "image/jpeg"),
                        new NativeAd.Image(1, "https://cdn.example/" + name + "/80x80.png", 80, 80, "image/png")),
                List.of(new NativeAd.Data(1, name), new NativeAd.Data(2, "What " + name + " has to say.")),
                new NativeAd.Link("https://" + name + ".example/", List.of("https://cdn.example/click")),
                List.of("https://cdn.example/imp?price=${AUCTION_PRICE}"), List.of());
    }

    public Campaign build() {
        if (creatives.isEmpty()) {
            banner(300, 250);
        }
        return new Campaign(id, id, active, seat, adomain, bundle, cat, bidMicros, budgetMicros, totalMicros, timezone,
                pacing, start, end, coppa,
                new Targeting(countries, deviceTypes, os, inventoryCats, domains, blockedDomains, bundles,
                        blockedBundles, deals),
                creatives);
    }
}
