package org.fargatedsp.deploy.taskdef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Turns SDK model objects into JSON named exactly as on the ECS wire (the fields' location names), leaving out
 * unset values, so a registered task definition and a rendered template read alike.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    /** The object's set fields as JSON; null when nothing is set. */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = value(field.getValueOrDefault(pojo));
            if (value != null) {
                node.set(field.locationName(), value);
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            for (Object item : items) {
                JsonNode element = value(item);
                array.add(element == null ? NODES.nullNode() : element);
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        return NODES.textNode(String.valueOf(value));
    }
}
