package org.fargatedsp.bidder.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignFileTest {

    @Test
    void loadsTheEmbeddedDefaultCampaigns() {
        List<Campaign> campaigns = new CampaignSource(null, 0, null).load();

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
        assertThat(c.creatives()).extracting(Creative::type).containsExactly(MediaType.BANNER, MediaType.VIDEO);
        assertThat(c.creatives().get(1).protocols()).containsExactlyInAnyOrder(2, 3);
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
        "{\"id\":\"a\",\"creatives\":[{\"id\":\"c\",\"type\":\"native\"}]} | creatives[0].adm is required",
        "{\"id\":\"a\",\"bid_cmp\":1} | Unrecognized field \"bid_cmp\""})
    void reportsEachProblemWithItsPlaceInTheFile(String overrides, String problem) {
        String campaign = merge(overrides);

        assertThatThrownBy(() -> read("{\"campaigns\":[" + campaign + "]}"))
                .isInstanceOf(CampaignFileException.class).hasMessageContaining(problem);
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
    void namesAFileThatIsNotThere(@TempDir Path dir) {
        assertThatThrownBy(() -> new CampaignSource(dir.resolve("missing.json"), 0, null).load())
                .isInstanceOf(CampaignFileException.class).hasMessageContaining("missing.json");
    }

    @Test
    void tellsAChangedFileByItsVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"campaigns\":[]}");
        CampaignSource source = new CampaignSource(file, 0, null);
        String before = source.version();

        Files.writeString(file, "{\"campaigns\":[ ]}");

        assertThat(source.version()).isNotEqualTo(before);
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

    private static List<Campaign> read(String json) {
        return CampaignFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json",
                "default-seat");
    }
}
