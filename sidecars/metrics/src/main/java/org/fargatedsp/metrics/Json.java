package org.fargatedsp.metrics;

import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The metrics module's one Jackson mapper: it reads the ECS task metadata and rewrites Datadog series payloads as
 * trees, so none of a program's own mapping rules apply to it.
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}
}
