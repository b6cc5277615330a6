package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Task definition families and their numbered revisions, ACTIVE until deregistered (then INACTIVE). */
public final class SimTaskDefinitions {
    /** A registered revision: the definition as ECS returns it, and its tags. */
    public record Revision(String arn, String family, int revision, ObjectNode definition, JsonNode tags) {
        public String status() {
            return definition.path("status").asText();
        }
    }

    private final String arnPrefix;
    private final Map<String, List<Revision>> families = new LinkedHashMap<>();

    SimTaskDefinitions(String arnPrefix) {
        this.arnPrefix = arnPrefix;
    }

    /** Registers the request body (a task definition plus tags) as the family's next revision. */
    Revision register(ObjectNode request, Instant now) {
        ObjectNode definition = request.deepCopy();
        JsonNode tags = definition.remove("tags");
        String family = definition.path("family").asText();
        if (family.isEmpty() || !definition.has("containerDefinitions")) {
            throw new SimError("ClientException", "Family and container definitions are required.");
        }
        List<Revision> revisions = families.computeIfAbsent(family, k -> new ArrayList<>());
        int number = revisions.size() + 1;
        String arn = arnPrefix + "task-definition/" + family + ":" + number;
        definition.put("taskDefinitionArn", arn).put("revision", number).put("status", "ACTIVE")
                .put("registeredAt", Wire.epoch(now)).put("registeredBy", "arn:aws:iam::123456789012:role/jenkins");
        definition.putArray("compatibilities").add("EC2").add("FARGATE");
        definition.putArray("requiresAttributes").addObject().put("name", "ecs.capability.execution-role-awslogs");
        Revision revision = new Revision(arn, family, number, definition, tags == null ? definition.arrayNode() : tags);
        revisions.add(revision);
        return revision;
    }

    /** Finds by ARN, family:revision, or family (its latest ACTIVE revision). */
    public Revision find(String name) {
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        int colon = shortName.lastIndexOf(':');
        String family = colon < 0 ? shortName : shortName.substring(0, colon);
        List<Revision> revisions = families.getOrDefault(family, List.of());
        if (colon < 0) {
            for (int i = revisions.size() - 1; i >= 0; i--) {
                if ("ACTIVE".equals(revisions.get(i).status())) {
                    return revisions.get(i);
                }
            }
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(shortName.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return number >= 1 && number <= revisions.size() ? revisions.get(number - 1) : null;
    }

    Revision require(String name) {
        Revision revision = find(name);
        if (revision == null) {
            throw new SimError("ClientException", "Unable to describe task definition.");
        }
        return revision;
    }

    void deregister(String name, Instant now) {
        Revision revision = require(name);
        revision.definition().put("status", "INACTIVE").put("deregisteredAt", Wire.epoch(now));
    }

    /** Every revision of families starting with the prefix, in the given status, ascending or descending. */
    List<String> list(String familyPrefix, String status, boolean descending) {
        List<Revision> all = new ArrayList<>();
        families.forEach((family, revisions) -> {
            if (familyPrefix == null || family.startsWith(familyPrefix)) {
                revisions.stream().filter(r -> status == null || status.equals(r.status())).forEach(all::add);
            }
        });
        all.sort((a, b) -> a.family().equals(b.family()) ? Integer.compare(a.revision(), b.revision())
                : a.family().compareTo(b.family()));
        List<String> arns = new ArrayList<>(all.stream().map(Revision::arn).toList());
        if (descending) {
            java.util.Collections.reverse(arns);
        }
        return arns;
    }

    boolean hasHealthCheck(String arn) {
        for (JsonNode container : require(arn).definition().path("containerDefinitions")) {
            if (container.path("essential").asBoolean(true) && container.has("healthCheck")) {
                return true;
            }
        }
        return false;
    }
}
