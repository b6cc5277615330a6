package org.fargatedsp.loadtest.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.fargatedsp.loadtest.json.Json;

/**
 * What a bidder's bid log wrote and dropped, by cause, as the bidder's JSON log line on stopping reports them
 * (fields {@code bid_log_written} and {@code bid_log_dropped}). The load tests print it after each run, since no log
 * shipper runs there and a bidder that drops its records is not the bidder being measured.
 */
public record BidLogCounts(long written, Map<String, Long> dropped) {
    static final String WRITTEN = "bid_log_written";
    static final String DROPPED = "bid_log_dropped";

    /** From the last JSON log line that carries both fields; null when no line does (the baseline server has none). */
    public static BidLogCounts fromLog(Stream<String> lines) {
        BidLogCounts last = null;
        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            BidLogCounts counts = fromLine(it.next());
            if (counts != null) {
                last = counts;
            }
        }
        return last;
    }

    private static BidLogCounts fromLine(String line) {
        String trimmed = line.trim();
        // Anything the JVM itself prints (warnings, a crash) is not a log line of the bidder's.
        if (!trimmed.startsWith("{")) {
            return null;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return null;
        }
        JsonNode written = json.path(WRITTEN);
        JsonNode dropped = json.path(DROPPED);
        if (!written.isIntegralNumber() || !dropped.isObject()) {
            return null;
        }
        Map<String, Long> causes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> cause : dropped.properties()) {
            causes.put(cause.getKey(), cause.getValue().asLong());
        }
        return new BidLogCounts(written.asLong(), Collections.unmodifiableMap(causes));
    }

    /** {@code bid log: written 2362468, dropped {queue_full:0,disk_budget:0,io_error:0,closed:0}}. */
    public String render() {
        StringBuilder text = new StringBuilder("bid log: written ").append(written).append(", dropped {");
        String separator = "";
        for (Map.Entry<String, Long> cause : dropped.entrySet()) {
            text.append(separator).append(cause.getKey()).append(':').append(cause.getValue());
            separator = ",";
        }
        return text.append('}').toString();
    }
}
