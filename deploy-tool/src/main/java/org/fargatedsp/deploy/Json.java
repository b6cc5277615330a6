package org.fargatedsp.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The deploy tool's one configured Jackson mapper, for everything it reads and writes as JSON.
 *
 * <p>Where one use needs a different setting it takes a reader or writer derived from this mapper rather than a
 * mapper of its own: task definitions are written with sorted keys ({@link #SORTED_KEYS}), and templates are read
 * strictly ({@code TemplateRenderer}).
 */
public final class Json {
    /**
     * Indented output, since people and Jenkins read what the tool writes; unknown fields ignored on read, since the
     * tool reads answers (Datadog's, AWS's) that may grow fields it does not use.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Task definitions: map keys sorted, so a rendered template and a registered revision print alike whatever order
     * the template or AWS used, and their diff shows only real changes. Summaries keep their own order.
     */
    public static final ObjectWriter SORTED_KEYS = MAPPER.writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }
}
