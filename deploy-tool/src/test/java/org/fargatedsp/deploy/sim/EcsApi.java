package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.Json;

/**
 * ECS over the AWS JSON 1.1 protocol: {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Action>}, a JSON
 * body, and errors as {@code {"__type": code, "message": ...}} with HTTP 400.
 */
final class EcsApi {
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    /** Small pages, so the tool's paging is exercised (ECS pages at up to 100). */
    static final int PAGE = 2;

    private final EcsModel ecs;
    private final Map<String, List<String>> runTaskTokens = new HashMap<>();

    EcsApi(EcsModel ecs) {
        this.ecs = ecs;
    }

    ObjectNode handle(String action, JsonNode in, Instant now) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (action) {
            case "RegisterTaskDefinition" -> {
                SimTaskDefinitions.Revision revision = ecs.taskDefinitions.register((ObjectNode) in, now);
                out.set("taskDefinition", revision.definition());
                out.set("tags", revision.tags());
            }
            case "DescribeTaskDefinition" -> {
                SimTaskDefinitions.Revision revision = ecs.taskDefinitions.require(in.path("taskDefinition").asText());
                out.set("taskDefinition", revision.definition());
                if (in.path("include").toString().contains("TAGS")) {
                    out.set("tags", revision.tags());
                }
            }
            case "DeregisterTaskDefinition" -> {
                ecs.taskDefinitions.deregister(in.path("taskDefinition").asText(), now);
                out.set("taskDefinition", ecs.taskDefinitions.require(in.path("taskDefinition").asText()).definition());
            }
            case "ListTaskDefinitions" -> page(out, "taskDefinitionArns", ecs.taskDefinitions.list(
                    in.path("familyPrefix").asText(null), in.path("status").asText("ACTIVE"),
                    "DESC".equals(in.path("sort").asText())), in);
            case "DescribeServices" -> describeServices(in, out);
            case "RunTask" -> runTask(in, out, now);
            case "DescribeTasks" -> describeTasks(in, out);
            case "ListTasks" -> page(out, "taskArns", listTasks(in), in);
            case "StopTask" -> {
                ecs.stopTask(in.path("task").asText(), in.path("reason").asText(null), now);
                out.set("task", ecs.task(in.path("task").asText()).toJson(ecs.clusterArn));
            }
            case "UpdateService" -> {
                SimService service = ecs.requireService(in.path("service").asText());
                ecs.updateService(service, in.path("taskDefinition").asText(), now);
                out.set("service", service.toJson(ecs.runningCount(service)));
            }
            default -> throw new SimError("UnknownOperationException", "The simulator does not know " + action);
        }
        return out;
    }

    private void describeServices(JsonNode in, ObjectNode out) {
        ArrayNode services = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode name : in.path("services")) {
            SimService service = ecs.services.get(name.asText().substring(name.asText().lastIndexOf('/') + 1));
            if (service == null) {
                failures.addObject().put("arn", ecs.arnPrefix + "service/" + name.asText()).put("reason", "MISSING");
            } else {
                services.add(service.toJson(ecs.runningCount(service)));
            }
        }
    }

    private void runTask(JsonNode in, ObjectNode out, Instant now) {
        String token = in.path("clientToken").asText(null);
        List<String> earlier = token == null ? null : runTaskTokens.get(token);
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        if (earlier != null) {
            // The same client token returns the same tasks instead of starting more (RunTask idempotency).
            earlier.forEach(arn -> tasks.add(ecs.task(arn).toJson(ecs.clusterArn)));
            return;
        }
        List<String> started = new ArrayList<>();
        for (Object result : ecs.runTask(in, now)) {
            if (result instanceof SimTask task) {
                started.add(task.arn);
                tasks.add(task.toJson(ecs.clusterArn));
            } else {
                failures.addObject().put("reason", (String) result);
            }
        }
        if (token != null) {
            runTaskTokens.put(token, started);
        }
    }

    private void describeTasks(JsonNode in, ObjectNode out) {
        if (in.path("tasks").size() > 100) {
            throw new SimError("InvalidParameterException", "Tasks cannot be longer than 100.");
        }
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        boolean withTags = in.path("include").toString().contains("TAGS");
        for (JsonNode arn : in.path("tasks")) {
            SimTask task = ecs.tasks.get(arn.asText());
            if (task == null || task.hiddenDescribes > 0) {
                if (task != null) {
                    task.hiddenDescribes--;
                }
                failures.addObject().put("arn", arn.asText()).put("reason", "MISSING");
                continue;
            }
            ObjectNode json = task.toJson(ecs.clusterArn);
            if (!withTags) {
                json.remove("tags");
            }
            tasks.add(json);
        }
    }

    private List<String> listTasks(JsonNode in) {
        String startedBy = in.path("startedBy").asText(null);
        String serviceName = in.path("serviceName").asText(null);
        String desired = in.path("desiredStatus").asText("RUNNING");
        List<String> arns = new ArrayList<>();
        for (SimTask task : ecs.tasks.values()) {
            boolean matches = (startedBy == null || startedBy.equals(task.startedBy))
                    && (serviceName == null || task.group.equals("service:" + serviceName))
                    && desired.equals(task.desiredStatus);
            if (matches) {
                arns.add(task.arn);
            }
        }
        return arns;
    }

    /** One page of {@code items}, with nextToken as the offset of the next one. */
    private static void page(ObjectNode out, String field, List<String> items, JsonNode in) {
        int from = in.hasNonNull("nextToken") ? Integer.parseInt(in.path("nextToken").asText()) : 0;
        int size = in.hasNonNull("maxResults") ? Math.min(PAGE, in.path("maxResults").asInt()) : PAGE;
        ArrayNode page = out.putArray(field);
        items.subList(Math.min(from, items.size()), Math.min(items.size(), from + size)).forEach(page::add);
        if (from + size < items.size()) {
            out.put("nextToken", Integer.toString(from + size));
        }
    }
}
