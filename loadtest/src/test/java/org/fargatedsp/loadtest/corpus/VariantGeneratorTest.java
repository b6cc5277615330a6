package org.fargatedsp.loadtest.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariantGeneratorTest {
    private final List<CorpusDocument> bases = CorpusLoader.builtIn();

    @Test
    void sameSeedGivesTheSameVariants() {
        List<CorpusDocument> first = VariantGenerator.generate(bases, 40, 7);
        List<CorpusDocument> second = VariantGenerator.generate(bases, 40, 7);

        assertThat(first).extracting(CorpusDocument::json).isEqualTo(second.stream().map(CorpusDocument::json).toList());
        assertThat(VariantGenerator.generate(bases, 40, 8)).extracting(CorpusDocument::json)
                .isNotEqualTo(first.stream().map(CorpusDocument::json).toList());
    }

    @Test
    void variesSizesCountriesDevicesFloorsDealsAndBlocks() {
        List<CorpusDocument> variants = VariantGenerator.generate(bases, 200, 1);
        Set<String> sizes = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Set<String> oses = new HashSet<>();
        Set<Double> floors = new HashSet<>();
        Set<Integer> privateAuction = new HashSet<>();
        int withDeals = 0;
        for (CorpusDocument variant : variants) {
            JsonNode json = variant.json();
            for (JsonNode imp : json.path("imp")) {
                if (imp.has("banner")) {
                    sizes.add(imp.path("banner").path("w").asInt() + "x" + imp.path("banner").path("h").asInt());
                }
                floors.add(imp.path("bidfloor").asDouble());
                if (imp.has("pmp")) {
                    withDeals++;
                    privateAuction.add(imp.path("pmp").path("private_auction").asInt());
                    assertThat(imp.path("pmp").path("deals")).isNotEmpty()
                            .allSatisfy(deal -> assertThat(deal.path("id").asText()).startsWith("DEAL-"));
                }
            }
            String country = json.path("device").path("geo").path("country").asText();
            assertThat(country).as("ISO-3166-1 alpha-3").matches("[A-Z]{3}");
            countries.add(country);
            oses.add(json.path("device").path("os").asText());
            assertThat(json.path("bcat").isArray()).isTrue();
            assertThat(json.path("badv").isArray()).isTrue();
        }
        assertThat(sizes).contains("300x250", "728x90", "320x50", "160x600", "300x600", "970x250");
        assertThat(countries).contains("USA", "GBR", "DEU", "FRA", "JPN", "BRA");
        assertThat(oses).contains("ios", "android", "windows");
        assertThat(floors).hasSizeGreaterThan(3);
        assertThat(privateAuction).containsExactlyInAnyOrder(0, 1);
        assertThat(withDeals).isBetween(20, 180);
    }

    @Test
    void leavesTheBaseDocumentsAsTheyWere() {
        String before = bases.get(0).json().toString();

        VariantGenerator.generate(bases, 20, 3);

        assertThat(bases.get(0).json().toString()).isEqualTo(before);
    }

    @Test
    void variantsKeepTheirBaseVersionAndWeighOne() {
        List<CorpusDocument> variants = VariantGenerator.generate(bases, bases.size(), 1);

        for (int i = 0; i < variants.size(); i++) {
            assertThat(variants.get(i).openrtbVersion()).isEqualTo(bases.get(i).openrtbVersion());
            assertThat(variants.get(i).name()).contains(bases.get(i).name());
            assertThat(variants.get(i).weight()).isEqualTo(1);
        }
    }
}
