package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudWatch GetMetricData over Smithy RPC v2 CBOR, the protocol the SDK's CloudWatch client speaks:
 * {@code POST /service/GraniteServiceVersion20100801/operation/GetMetricData}, CBOR bodies, timestamps as epoch
 * seconds, errors as {@code __type} plus the {@code x-amzn-query-error} header of query-compatible services.
 * Serves per-target-group ALB metrics that a scenario sets; each query result comes on a page of its own.
 */
public final class CloudWatchApi {
    static final String PATH = "/service/GraniteServiceVersion20100801/operation/";
    /**
     * The module's one mapper besides {@code Json.MAPPER}, on purpose: CBOR needs a factory of its own, and only the
     * simulator speaks it (the tool's SDK client encodes CBOR itself).
     */
    static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** ALB metrics for one target group, per minute. */
    public record TargetGroupMetrics(double requests, double http5xx, double p99Seconds) {
    }

    private final Map<String, TargetGroupMetrics> byTargetGroup = new ConcurrentHashMap<>();

    /** Sets the metrics of the target group with this dimension value ({@code targetgroup/name/id}). */
    public void put(String targetGroupDimension, TargetGroupMetrics metrics) {
        byTargetGroup.put(targetGroupDimension, metrics);
    }

    public void remove(String targetGroupDimension) {
        byTargetGroup.remove(targetGroupDimension);
    }

    byte[] handle(String operation, byte[] body) throws IOException {
        if (!"GetMetricData".equals(operation)) {
            throw new SimError("InvalidAction", "The simulator does not know " + operation);
        }
        JsonNode in = CBOR.readTree(body);
        Instant start = Instant.ofEpochMilli((long) (in.path("StartTime").asDouble() * 1000));
        Instant end = Instant.ofEpochMilli((long) (in.path("EndTime").asDouble() * 1000));
        if (!start.isBefore(end)) {
            throw new SimError("InvalidParameterValue", "The parameter StartTime must be less than EndTime.");
        }
        JsonNode queries = in.path("MetricDataQueries");
        int index = in.hasNonNull("NextToken") ? Integer.parseInt(in.path("NextToken").asText()) : 0;
        ObjectNode out = CBOR.createObjectNode();
        ArrayNode results = out.putArray("MetricDataResults");
        if (index < queries.size()) {
            results.add(result(queries.get(index), start, end));
        }
        if (index + 1 < queries.size()) {
            out.put("NextToken", Integer.toString(index + 1));
        }
        out.putArray("Messages");
        return CBOR.writeValueAsBytes(out);
    }

    private ObjectNode result(JsonNode query, Instant start, Instant end) {
        JsonNode stat = query.path("MetricStat");
        JsonNode metric = stat.path("Metric");
        if (!"AWS/ApplicationELB".equals(metric.path("Namespace").asText())) {
            throw new SimError("InvalidParameterValue", "Only AWS/ApplicationELB is simulated");
        }
        String group = null;
        boolean hasLoadBalancer = false;
        for (JsonNode dimension : metric.path("Dimensions")) {
            if ("TargetGroup".equals(dimension.path("Name").asText())) {
                group = dimension.path("Value").asText();
            }
            hasLoadBalancer |= "LoadBalancer".equals(dimension.path("Name").asText());
        }
        ObjectNode result = CBOR.createObjectNode();
        result.put("Id", query.path("Id").asText()).put("Label", metric.path("MetricName").asText())
                .put("StatusCode", "Complete");
        ArrayNode timestamps = result.putArray("Timestamps");
        ArrayNode values = result.putArray("Values");
        TargetGroupMetrics metrics = group == null || !hasLoadBalancer ? null : byTargetGroup.get(group);
        if (metrics == null) {
            return result;
        }
        int period = stat.path("Period").asInt(60);
        String name = metric.path("MetricName").asText();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(period)) {
            double value = switch (name) {
                case "RequestCount" -> metrics.requests() * period / 60.0;
                case "HTTPCode_Target_5XX_Count" -> metrics.http5xx() * period / 60.0;
                case "TargetResponseTime" -> metrics.p99Seconds();
                default -> Double.NaN;
            };
            // ALB publishes HTTPCode_Target_5XX_Count only for periods that had one.
            if (Double.isNaN(value) || (name.startsWith("HTTPCode") && value == 0)) {
                continue;
            }
            timestamps.add(t.getEpochSecond());
            values.add(value);
        }
        return result;
    }
}
