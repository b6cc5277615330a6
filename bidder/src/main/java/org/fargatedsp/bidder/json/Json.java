package org.fargatedsp.bidder.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The bidder's one configured Jackson mapper, for its code, tests and benchmarks alike: unknown fields are ignored
 * and null properties are left out. Configure it here and nowhere else. A use that needs other rules derives a
 * reader, a writer or a rebuilt mapper from it and says why, as {@code CampaignFile}'s strict reader does.
 * Thread-safe, as a Jackson mapper is once configured; the bid path does not use it (the decoder streams).
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            // Exchanges and AWS add fields over time; one the bidder does not read never costs a request.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Null properties are left out; a map keeps its null values, as a map is what the caller built.
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.USE_DEFAULTS))
            .build();

    private Json() {}
}
