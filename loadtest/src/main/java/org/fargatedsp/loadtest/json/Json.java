package org.fargatedsp.loadtest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The load-test module's one configured Jackson mapper (DESIGN.md): corpus files, request templates, run summaries
 * and the servers' JSON log lines all go through it.
 */
public final class Json {
    /**
     * Ignores fields it does not know, so a newer summary or log line still reads, and leaves out null fields. It
     * writes compactly: a request body is sent as written; files meant for people ask for {@code
     * writerWithDefaultPrettyPrinter()}. Thread-safe once built.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    private Json() {}
}
