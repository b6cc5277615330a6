package org.fargatedsp.loadtest.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir
    Path dir;

    @Test
    void builtInCorpusHoldsTheIabExamplesOfBothVersions() {
        List<CorpusDocument> documents = CorpusLoader.builtIn();

        assertThat(documents).extracting(CorpusDocument::name)
                .contains("2.5/simple-banner.json", "2.5/native-ad.json", "2.6/mobile.json", "2.6/video.json");
        assertThat(documents).allSatisfy(d -> assertThat(d.openrtbVersion()).isEqualTo(d.name().substring(0, 3)));
        assertThat(documents).allSatisfy(d -> assertThat(d.weight()).isEqualTo(1));
    }

    @Test
    void readsWeightsAndVersionsFromTheDirectory() throws URISyntaxException {
        Path weighted = Path.of(getClass().getResource("/corpus/weighted").toURI());

        List<CorpusDocument> documents = CorpusLoader.directory(weighted);

        assertThat(documents).extracting(CorpusDocument::name, CorpusDocument::openrtbVersion, CorpusDocument::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2.6/banner.json", "2.6", 3),
                        org.assertj.core.groups.Tuple.tuple("other/app.json", CorpusLoader.DEFAULT_VERSION, 1));
    }

    @Test
    void rejectsAMissingDirectory() {
        assertThatThrownBy(() -> CorpusLoader.directory(dir.resolve("nope")))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining("nope").hasMessageContaining("does not exist");
    }

    @Test
    void rejectsADirectoryWithoutJson() {
        assertThatThrownBy(() -> CorpusLoader.directory(dir)).hasMessageContaining("has no *.json files");
    }

    @Test
    void namesTheFileAndPlaceOfBrokenJson() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"imp\": [\n  {\"id\": }\n]}");

        assertThatThrownBy(() -> CorpusLoader.directory(dir))
                .hasMessageContaining("broken.json is not valid JSON").hasMessageContaining("line 2");
    }

    @Test
    void rejectsJsonThatIsNotABidRequest() throws IOException {
        Files.writeString(dir.resolve("array.json"), "[1, 2]");

        assertThatThrownBy(() -> CorpusLoader.directory(dir)).hasMessageContaining("array.json is not a JSON object");
    }

    @Test
    void rejectsARequestWithoutImpressions() throws IOException {
        Files.writeString(dir.resolve("empty.json"), "{\"id\": \"x\", \"imp\": []}");

        assertThatThrownBy(() -> CorpusLoader.directory(dir)).hasMessageContaining("empty.json has no imp array");
    }

    @Test
    void rejectsWeightsForFilesThatAreNotThere() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"imp\": [{\"id\": \"1\"}]}");
        Files.writeString(dir.resolve(CorpusLoader.WEIGHTS_FILE), "b.json=2\n");

        assertThatThrownBy(() -> CorpusLoader.directory(dir)).hasMessageContaining("not in the corpus: b.json");
    }

    @Test
    void rejectsANegativeWeight() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"imp\": [{\"id\": \"1\"}]}");
        Files.writeString(dir.resolve(CorpusLoader.WEIGHTS_FILE), "a.json=-1\n");

        assertThatThrownBy(() -> CorpusLoader.directory(dir)).hasMessageContaining("weight of a.json")
                .hasMessageContaining("'-1'");
    }

    @Test
    void weightZeroLeavesAFileOut() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"imp\": [{\"id\": \"1\"}]}");
        Files.writeString(dir.resolve("b.json"), "{\"imp\": [{\"id\": \"1\"}]}");
        Files.writeString(dir.resolve(CorpusLoader.WEIGHTS_FILE), "a.json=0\n");

        assertThat(CorpusLoader.directory(dir)).extracting(CorpusDocument::name).containsExactly("b.json");
    }
}
