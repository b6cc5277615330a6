package org.fargatedsp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.ipc.http.HttpSender;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiniteSeriesSenderTest {
    private final List<HttpSender.Request> sent = new ArrayList<>();
    private final FiniteSeriesSender sender = new FiniteSeriesSender(request -> {
        sent.add(request);
        return new HttpSender.Response(202, "{}");
    });

    @Test
    void leavesOutSeriesWithoutAFiniteValueSoTheRestIsValidJson() throws Throwable {
        String body = "{\"series\":[{\"metric\":\"a\",\"points\":[[1, 2.0]]},{\"metric\":\"b\",\"points\":[[1, NaN]]},"
                + "{\"metric\":\"c\",\"points\":[[1, Infinity]]}]}";

        sender.send(request("/api/v1/series", body));

        var posted = Json.MAPPER.readTree(sent.get(0).getEntity());
        assertThat(posted.path("series")).hasSize(1);
        assertThat(posted.path("series").get(0).path("metric").asText()).isEqualTo("a");
    }

    @Test
    void passesEverythingElseThroughUntouched() throws Throwable {
        HttpSender.Request metadata = request("/api/v1/metrics/a", "{\"type\":\"gauge\"}");
        HttpSender.Request clean = request("/api/v1/series", "{\"series\":[{\"metric\":\"a\",\"points\":[[1, 2.0]]}]}");

        sender.send(metadata);
        sender.send(clean);

        assertThat(sent).containsExactly(metadata, clean);
    }

    private static HttpSender.Request request(String path, String body) throws Exception {
        return new HttpSender.Request(new URL("http://127.0.0.1:1" + path), body.getBytes(StandardCharsets.UTF_8),
                HttpSender.Method.POST, Map.of("Content-Type", "application/json"));
    }
}
