package org.fargatedsp.loadtest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.fargatedsp.loadtest.corpus.Corpus;
import org.fargatedsp.loadtest.corpus.CorpusLoader;
import org.fargatedsp.loadtest.corpus.RequestTemplate;
import org.fargatedsp.loadtest.json.Json;
import org.junit.jupiter.api.Test;

class WireRequestsTest {
    private final Corpus corpus = Corpus.of(CorpusLoader.builtIn(), 20, 1);
    private final WireRequests requests =
            new WireRequests(corpus, Target.parse("http://127.0.0.1:8080/openrtb2/bid"), 0xcafe01);

    @Test
    void encodesAnHttpPostWithTheRightHeadersAndLength() throws Exception {
        for (long k : new long[] {0, 1, 42, 123_456_789, WireRequests.MAX_INDEX}) {
            String[] parts = encode(k).split("\r\n\r\n", 2);
            String head = parts[0];
            RequestTemplate template = corpus.templates().get(corpus.pick(k));

            assertThat(head).startsWith("POST /openrtb2/bid HTTP/1.1\r\n")
                    .contains("Host: 127.0.0.1:8080\r\n", "Content-Type: application/json\r\n",
                            "x-openrtb-version: " + template.openrtbVersion() + "\r\n")
                    .contains("Content-Length: " + parts[1].getBytes(StandardCharsets.UTF_8).length);
            JsonNode body = Json.MAPPER.readTree(parts[1]);
            assertThat(body.path("id").asText()).isEqualTo(requests.id(k));
            assertThat(body.path("imp").isArray()).isTrue();
        }
    }

    @Test
    void everyRequestGetsAFreshFixedWidthId() throws Exception {
        Set<String> ids = new HashSet<>();
        for (long k = 0; k < 2000; k++) {
            String id = Json.MAPPER.readTree(encode(k).split("\r\n\r\n", 2)[1]).path("id").asText();
            assertThat(id).hasSize(WireRequests.ID_LENGTH).matches("00cafe01-\\d{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(2000);
    }

    @Test
    void parsesTargets() {
        Target target = Target.parse("http://localhost:9000/a/b?x=1");

        assertThat(target.host()).isEqualTo("localhost");
        assertThat(target.port()).isEqualTo(9000);
        assertThat(target.path()).isEqualTo("/a/b?x=1");
        assertThat(Target.parse("http://example.test").port()).isEqualTo(80);
        assertThat(Target.parse("http://example.test").path()).isEqualTo("/");
    }

    private String encode(long k) {
        ByteBuf buf = requests.encode(ByteBufAllocator.DEFAULT, k);
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }
}
