package org.fargatedsp.loadtest.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fargatedsp.loadtest.json.Json;
import org.junit.jupiter.api.Test;

class CorpusTest {

    @Test
    void mixesRequestsByWeight() throws URISyntaxException {
        Corpus corpus = Corpus.of(CorpusLoader.directory(Path.of(getClass().getResource("/corpus/weighted").toURI())),
                0, 1);
        int[] picks = new int[corpus.templates().size()];

        for (long k = 0; k < 40_000; k++) {
            picks[corpus.pick(k)]++;
        }

        assertThat(corpus.templates()).extracting(RequestTemplate::name).containsExactly("2.6/banner.json",
                "other/app.json");
        assertThat((double) picks[0] / picks[1]).isBetween(2.7, 3.3);
    }

    @Test
    void picksTheSameRequestForTheSameIndex() {
        Corpus a = Corpus.of(CorpusLoader.builtIn(), 50, 9);
        Corpus b = Corpus.of(CorpusLoader.builtIn(), 50, 9);

        for (long k = 0; k < 1000; k++) {
            assertThat(a.pick(k)).isEqualTo(b.pick(k));
        }
    }

    @Test
    void templateSplitsTheEncodedRequestAroundItsId() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree("{\"id\":\"old\",\"imp\":[{\"id\":\"1\"}],\"ext\":{\"id\":\"x\"}}");

        RequestTemplate template = RequestTemplate.of(new CorpusDocument("t", "2.5", json, 1));
        String body = new String(template.bodyPrefix(), StandardCharsets.UTF_8) + "NEW-ID"
                + new String(template.bodySuffix(), StandardCharsets.UTF_8);

        ObjectNode parsed = (ObjectNode) Json.MAPPER.readTree(body);
        assertThat(parsed.path("id").asText()).isEqualTo("NEW-ID");
        assertThat(parsed.path("imp").get(0).path("id").asText()).isEqualTo("1");
        assertThat(parsed.path("ext").path("id").asText()).isEqualTo("x");
        assertThat(template.bodyLength(6)).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(json.path("id").asText()).as("document untouched").isEqualTo("old");
    }

    @Test
    void templateAddsAnIdToARequestWithout() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree("{\"imp\":[{\"id\":\"1\"}]}");

        RequestTemplate template = RequestTemplate.of(new CorpusDocument("t", "2.5", json, 1));

        assertThat(Json.MAPPER.readTree(new String(template.bodyPrefix(), StandardCharsets.UTF_8) + "abc"
                + new String(template.bodySuffix(), StandardCharsets.UTF_8)).path("id").asText()).isEqualTo("abc");
    }

    @Test
    void templateSendsTheNullsAndFieldOrderOfTheCorpusFileAsWritten() throws Exception {
        String file = "{\"imp\":[{\"id\":\"1\",\"bidfloor\":null}],\"id\":\"old\",\"site\":null}";
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(file);

        RequestTemplate template = RequestTemplate.of(new CorpusDocument("t", "2.5", json, 1));

        assertThat(new String(template.bodyPrefix(), StandardCharsets.UTF_8) + "old"
                + new String(template.bodySuffix(), StandardCharsets.UTF_8)).isEqualTo(file);
    }

    @Test
    void rejectsACorpusWhoseWeightsAreAllZero() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putArray("imp").addObject().put("id", "1");

        assertThatThrownBy(() -> Corpus.of(java.util.List.of(new CorpusDocument("t", "2.5", json, 0)), 0, 1))
                .hasMessageContaining("no request with a weight above 0");
    }
}
