package org.fargatedsp.deploy.taskdef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.fargatedsp.deploy.Json;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A unified diff between the service's task definition and a rendered one, over the fields a user can set. */
public final class TaskDefinitionDiff {
    /** Fields ECS fills in on registration (DescribeTaskDefinition response); a template never sets them. */
    private static final Set<String> READ_ONLY = Set.of("taskDefinitionArn", "revision", "status",
            "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");

    private TaskDefinitionDiff() {
    }

    /** The diff, empty when they match. */
    public static String diff(String currentName, TaskDefinition current, List<Tag> currentTags,
                              RegisterTaskDefinitionRequest rendered) {
        ObjectNode before = SdkJson.toJson(current);
        READ_ONLY.forEach(before::remove);
        if (!currentTags.isEmpty()) {
            before.set("tags", Json.MAPPER.valueToTree(currentTags.stream()
                    .map(tag -> java.util.Map.of("key", tag.key(), "value", tag.value())).toList()));
        }
        ObjectNode after = SdkJson.toJson(rendered);
        List<String> beforeLines = lines(before);
        List<String> afterLines = lines(after);
        var patch = DiffUtils.diff(beforeLines, afterLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(currentName, "rendered", beforeLines, patch, 3))
                + "\n";
    }

    /** The JSON, pretty-printed with sorted keys, a line at a time. */
    public static List<String> lines(JsonNode node) {
        try {
            // Through plain maps, since sorting map keys does not reach the fields of a tree.
            Object sorted = Json.MAPPER.treeToValue(node, Object.class);
            return Arrays.asList(Json.SORTED_KEYS.writeValueAsString(sorted).split("\n"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
