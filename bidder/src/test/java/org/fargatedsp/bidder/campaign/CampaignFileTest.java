package org.fargatedsp.bidder.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignFileTest {

    @Test
    void loadsTheEmbeddedDefaultCampaigns() {
        List<Campaign> campaigns = new FileCampaignSource(null, 0, null).load();

        assertThat(campaigns).hasSizeGreaterThanOrEqualTo(6);
        assertThat(campaigns).flatExtracting(Campaign::creatives).extracting(Creative::type)
                .contains(MediaType.BANNER, MediaType.VIDEO, MediaType.NATIVE, MediaType.AUDIO);
        assertThat(campaigns).anySatisfy(c -> assertThat(c.targeting().deals()).isNotEmpty());
    }

    @Test
    void readsEveryFieldOfACampaign() throws Exception {
        List<Campaign> campaigns = read(Files.readString(Path.of("src/test/resources/campaign/full.json")));

        Campaign c = campaigns.get(0);
        assertThat(c.id()).isEqualTo("full");
        assertThat(c.active()).isTrue();
        assertThat(c.seat()).isEqualTo("seat-9");
        assertThat(c.bidMicros()).isEqualTo(2_345_678);
        assertThat(c.dailyBudgetMicros()).isEqualTo(100_000_000);
        assertThat(c.startMillis()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(c.coppaAllowed()).isTrue();
        assertThat(c.targeting().countries()).containsExactlyInAnyOrder("USA", "GBR");
        assertThat(c.targeting().os()).containsExactly("ios");
        assertThat(c.targeting().domains()).containsExactly("foobar.com");
        assertThat(c.creatives()).extracting(Creative::type)
                .containsExactly(MediaType.BANNER, MediaType.VIDEO, MediaType.NATIVE);
        assertThat(c.creatives().get(1).protocols()).containsExactlyInAnyOrder(2, 3);
        Creative nativeCreative = c.creatives().get(2);
        assertThat(nativeCreative.adm()).isNull();
        assertThat(nativeCreative.attr()).containsExactly(3);
        NativeAd ad = nativeCreative.nativeAd();
        assertThat(ad.title()).isEqualTo("Everything \"full\" has");
        assertThat(ad.images()).containsExactly(
                new NativeAd.Image(3, "https://cdn.full.example/1200x627.jpg", 1200, 627, "image/jpeg"),
                new NativeAd.Image(1, "https://cdn.full.example/icon", 80, 80, "image/webp"));
        assertThat(ad.data()).containsExactly(new NativeAd.Data(1, "Full"), new NativeAd.Data(501, "exchange-specific"));
        assertThat(ad.link()).isEqualTo(new NativeAd.Link("https://full.example/", List.of("https://cdn.full.example/click")));
        assertThat(ad.imptrackers()).containsExactly("https://cdn.full.example/imp?p=${AUCTION_PRICE}");
        assertThat(ad.eventtrackers()).containsExactly(
                new NativeAd.EventTracker(2, 1, "https://cdn.full.example/viewable"));
        assertThat(campaigns.get(1).creatives().get(0).nativeAd().images()).isEmpty();
        assertThat(campaigns.get(1).seat()).isEqualTo("default-seat");
        assertThat(campaigns.get(1).active()).isFalse();
    }

    @Test
    void roundTripsGeneratedCampaignsThroughTheFileFormat() {
        List<Campaign> generated = SyntheticCampaigns.generate(50, 7);
        assertThat(SyntheticCampaigns.generate(50, 7)).isEqualTo(generated);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignFile.write(generated, out);
        List<Campaign> read = CampaignFile.read(new ByteArrayInputStream(out.toByteArray()), "generated", null);

        assertThat(read).isEqualTo(generated);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"\"} | campaigns[0].id is required",
        "{\"id\":\"a\",\"status\":\"live\"} | campaigns[0].status must be \"active\" or \"paused\"",
        "{\"id\":\"a\",\"bid_cpm\":0} | campaigns[0].bid_cpm must be positive",
        "{\"id\":\"a\",\"bid_cpm\":5000} | above the 1000 limit",
        "{\"id\":\"a\",\"adomain\":[]} | campaigns[0].adomain must list at least one value",
        "{\"id\":\"a\",\"cat\":[\"sports\"]} | not an IAB content category",
        "{\"id\":\"a\",\"start\":\"yesterday\"} | not an ISO-8601 instant",
        "{\"id\":\"a\",\"start\":\"2027-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"} | start must be before end",
        "{\"id\":\"a\",\"targeting\":{\"countries\":[\"US\"]}} | not an ISO-3166-1 alpha-3 code",
        "{\"id\":\"a\",\"targeting\":{\"device_types\":[9]}} | not an OpenRTB device type",
        "{\"id\":\"a\",\"creatives\":[]} | campaigns[0].creatives must list at least one creative",
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"banner\",\"adm\":\"x\"}]} | a banner needs a positive w and h",
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"video\",\"adm\":\"x\"}]} | needs its mimes",
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"hologram\",\"adm\":\"x\"}]} | not banner, video, audio or native",
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"native\"}]} | creatives[0].native is required",
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"video\"}]} | creatives[0].adm is required",
        "{\"id\":\"a\",\"seat\":\"a\\u0000b\"} | campaigns[0].seat must be 1 to 64 characters",
        "{\"id\":\"a\",\"bid_cmp\":1} | Unrecognized field \"bid_cmp\""})
    void reportsEachProblemWithItsPlaceInTheFile(String overrides, String problem) {
        String campaign = merge(overrides);

        assertThatThrownBy(() -> read("{\"campaigns\":[" + campaign + "]}"))
                .isInstanceOf(CampaignFileException.class).hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"link\":null} | creatives[0].native.link is required",
        "{\"link\":{\"url\":\"ftp://a.example/\"}} | native.link.url \"ftp://a.example/\" is not an http or https URL",
        "{\"link\":{\"url\":\"https://a.example/\",\"clicktrackers\":[\"\"]}} | native.link.clicktrackers[0] is required",
        "{\"title\":null,\"images\":[],\"data\":[]} | creatives[0].native needs at least one asset",
        "{\"title\":\" \"} | creatives[0].native.title must not be blank",
        "{\"images\":[{\"type\":4,\"url\":\"https://a.example/i.png\",\"w\":1,\"h\":1}]} | native.images[0].type must be 1 (icon), 2 (logo) or 3 (main), not 4",
        "{\"images\":[{\"type\":3,\"w\":1,\"h\":1}]} | native.images[0].url is required",
        "{\"images\":[{\"type\":3,\"url\":\"https://a.example/i.png\",\"w\":0,\"h\":1}]} | native.images[0]: an image needs a positive w and h",
        "{\"images\":[{\"type\":3,\"url\":\"https://a.example/i\",\"w\":1,\"h\":1,\"mime\":\"png\"}]} | native.images[0].mime \"png\" is not an image mime type",
        "{\"images\":[null]} | native.images[0] is null",
        "{\"data\":[{\"type\":13,\"value\":\"x\"}]} | native.data[0].type must be a Native 1.2 data type (1 to 12, or 500 and up), not 13",
        "{\"data\":[{\"type\":1}]} | native.data[0].value is required",
        "{\"imptrackers\":[\"not a url\"]} | native.imptrackers[0] \"not a url\" is not an http or https URL",
        "{\"eventtrackers\":[{\"event\":9,\"method\":1,\"url\":\"https://a.example/e\"}]} | native.eventtrackers[0].event must be 1 (impression)",
        "{\"eventtrackers\":[{\"event\":1,\"method\":3,\"url\":\"https://a.example/e\"}]} | native.eventtrackers[0].method must be 1 (image pixel)",
        "{\"eventtrackers\":[{\"event\":1,\"method\":1}]} | native.eventtrackers[0].url is required",
        "{\"titel\":\"x\"} | Unrecognized field \"titel\""})
    void reportsEachProblemOfANativeCreativeWithItsPlace(String nativeOverrides, String problem) {
        String campaign = merge("{\"creatives\":[{\"id\":\"n\",\"type\":\"native\",\"native\":"
                + mergeNative(nativeOverrides) + "}]}");

        assertThatThrownBy(() -> read("{\"campaigns\":[" + campaign + "]}"))
                .isInstanceOf(CampaignFileException.class).hasMessageContaining(problem);
    }

    @Test
    void refusesMarkupOnANativeCreativeAndNativeAssetsOnAnyOther() {
        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge("{\"creatives\":[{\"id\":\"n\",\"type\":\"native\","
                + "\"adm\":\"{}\",\"native\":" + mergeNative("{}") + "},{\"id\":\"b\",\"type\":\"banner\",\"w\":1,"
                + "\"h\":1,\"adm\":\"<div/>\",\"native\":" + mergeNative("{}") + "}]}") + "]}"))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "campaigns[0].creatives[0].adm is not used by a native creative: its response is built for"
                                + " each request from its native assets",
                        "campaigns[0].creatives[1].native is only for native creatives, not banner"));
    }

    @Test
    void listsEveryProblemOfANativeCreative() {
        String nativeAd = mergeNative("{\"title\":\"\",\"images\":[{\"type\":0,\"url\":\"x\",\"w\":1,\"h\":1}],"
                + "\"link\":{}}");

        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge("{\"creatives\":[{\"id\":\"n\",\"type\":\"native\","
                + "\"native\":" + nativeAd + "}]}") + "]}"))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "campaigns[0].creatives[0].native.title must not be blank; leave it out for a creative"
                                + " without a title",
                        "campaigns[0].creatives[0].native.images[0].type must be 1 (icon), 2 (logo) or 3 (main), not 0",
                        "campaigns[0].creatives[0].native.images[0].url \"x\" is not an http or https URL",
                        "campaigns[0].creatives[0].native.link.url is required"));
    }

    @Test
    void takesAnImagesMimeTypeFromItsUrlWhenItGivesNone() {
        assertThat(NativeAdValidator.mimeOf("https://cdn.example/a/b.JPEG?v=2#x")).isEqualTo("image/jpeg");
        assertThat(NativeAdValidator.mimeOf("https://cdn.example/a.png")).isEqualTo("image/png");
        assertThat(NativeAdValidator.mimeOf("https://cdn.example/a.gif")).isEqualTo("image/gif");
        assertThat(NativeAdValidator.mimeOf("https://cdn.example/a.webp")).isEqualTo("image/webp");
        assertThat(NativeAdValidator.mimeOf("https://cdn.example/image?format=png")).isNull();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge("{\"id\":\"a\",\"bid_cpm\":0}") + ","
                + merge("{\"id\":\"a\",\"daily_budget\":-1}") + "]}"))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "campaigns[0].bid_cpm must be positive, not 0",
                        "campaigns[1].daily_budget must be positive, not -1",
                        "campaigns[1].id \"a\" is used by another campaign"));
    }

    @Test
    void readsBudgetsTimeZoneAndPacingAndKeepsTheFirstFormatsMeaning() {
        Campaign given = read("{\"campaigns\":[" + merge("{\"daily_budget\":40,\"total_budget\":1000.5,"
                + "\"timezone\":\"America/New_York\",\"pacing\":\"asap\"}") + "]}").get(0);
        Campaign first = read("{\"campaigns\":[" + merge("{}") + "]}").get(0);
        Campaign unbudgeted = read("{\"campaigns\":[" + merge("{\"daily_budget\":null}") + "]}").get(0);

        assertThat(given.dailyBudgetMicros()).isEqualTo(40_000_000);
        assertThat(given.totalBudgetMicros()).isEqualTo(1_000_500_000);
        assertThat(given.timezone()).isEqualTo(java.time.ZoneId.of("America/New_York"));
        assertThat(given.pacing()).isEqualTo(Pacing.ASAP);
        assertThat(first.totalBudgetMicros()).isEqualTo(Campaign.NO_BUDGET);
        assertThat(first.timezone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(first.pacing()).isEqualTo(Pacing.EVEN);
        assertThat(first.budgeted()).isTrue();
        assertThat(unbudgeted.dailyBudgetMicros()).isEqualTo(Campaign.NO_BUDGET);
        assertThat(unbudgeted.budgeted()).isFalse();
    }

    @Test
    void writesBudgetsTimeZoneAndPacingBackAsItReadsThem() {
        List<Campaign> campaigns = read("{\"campaigns\":[" + merge("{\"id\":\"a\",\"daily_budget\":null,"
                + "\"total_budget\":7,\"timezone\":\"Europe/Paris\",\"pacing\":\"asap\"}") + "," + merge("{}")
                + "]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CampaignFile.write(campaigns, out);

        assertThat(CampaignFile.read(new ByteArrayInputStream(out.toByteArray()), "written", "default-seat"))
                .isEqualTo(campaigns);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\"daily_budget\" : null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timezone\":\"Mars/Olympus\"} | campaigns[0].timezone \"Mars/Olympus\" is not a time zone such as"
            + " America/New_York or UTC",
        "{\"pacing\":\"fast\"} | campaigns[0].pacing must be \"even\" or \"asap\", not \"fast\"",
        "{\"total_budget\":50} | campaigns[0].total_budget must be at least the daily_budget",
        "{\"total_budget\":0} | campaigns[0].total_budget must be positive, not 0",
        "{\"daily_budget\":2000000000} | campaigns[0].daily_budget 2000000000 is above the 1000000000 limit"})
    void refusesABadBudgetTimeZoneOrPacing(String overrides, String problem) {
        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge(overrides) + "]}"))
                .isInstanceOfSatisfying(CampaignFileException.class, e -> assertThat(e.problems())
                        .containsExactly(problem));
    }

    @Test
    void namesAFileThatIsNotThere(@TempDir Path dir) {
        assertThatThrownBy(() -> new FileCampaignSource(dir.resolve("missing.json"), 0, null).load())
                .isInstanceOf(CampaignFileException.class).hasMessageContaining("missing.json");
    }

    @Test
    void tellsAChangedFileByItsVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"campaigns\":[]}");
        CampaignSource source = new FileCampaignSource(file, 0, null);
        String before = source.peekVersion();

        Files.writeString(file, "{\"campaigns\":[ ]}");

        assertThat(source.peekVersion()).isNotEqualTo(before);
    }

    @Test
    void versionIsTheContentNotTheSizeOrTheModificationTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        FileTime mtime = FileTime.fromMillis(1_767_225_600_000L);
        Files.writeString(file, "{\"campaigns\":[" + merge("{\"bid_cpm\":1.5}") + "]}");
        Files.setLastModifiedTime(file, mtime);
        CampaignSource source = new FileCampaignSource(file, 0, null);
        String before = source.peekVersion();

        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 1000));
        assertThat(source.peekVersion()).as("touched").isEqualTo(before);
        Files.writeString(file, "{\"campaigns\":[" + merge("{\"bid_cpm\":2.5}") + "]}");
        Files.setLastModifiedTime(file, mtime);

        assertThat(source.peekVersion()).as("same size, same time, new content").isNotEqualTo(before)
                .startsWith("sha256:").hasSize(7 + 64);
        assertThat(source.loadVersioned().version()).isEqualTo(source.peekVersion());
    }

    @Test
    void refusesIdsTooLongForTheNoticeUrlsTheyTravelIn() {
        String id = "x".repeat(Campaign.MAX_ID_CHARS + 1);
        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge("{\"id\":\"" + id + "\"}") + "]}"))
                .isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("campaigns[0].id is 129 characters long; at most 128");
        assertThatThrownBy(() -> read("{\"campaigns\":[" + merge("{\"creatives\":[{\"id\":\"" + id
                + "\",\"type\":\"banner\",\"w\":1,\"h\":1,\"adm\":\"x\"}]}") + "]}"))
                .hasMessageContaining("campaigns[0].creatives[0].id is 129 characters long");
        assertThat(read("{\"campaigns\":[" + merge("{\"id\":\"" + id.substring(1) + "\"}") + "]}"))
                .singleElement().satisfies(c -> assertThat(c.id()).hasSize(128));
    }

    /** A valid campaign with the given fields replaced. */
    private static String merge(String overrides) {
        try {
            var base = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("""
                    {"id":"base","adomain":["a.example"],"bid_cpm":1.5,"daily_budget":100,
                     "creatives":[{"id":"c1","type":"banner","w":300,"h":250,"adm":"<div/>"}]}""");
            base.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(overrides));
            return Json.MAPPER.writeValueAsString(base);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A valid native creative's {@code native} object with the given fields replaced. */
    private static String mergeNative(String overrides) {
        try {
            var base = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("""
                    {"title":"A title","images":[{"type":3,"url":"https://a.example/m.jpg","w":1200,"h":627}],
                     "data":[{"type":1,"value":"A"}],"link":{"url":"https://a.example/"}}""");
            base.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(overrides));
            return Json.MAPPER.writeValueAsString(base);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Campaign> read(String json) {
        return CampaignFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json",
                "default-seat");
    }
}
