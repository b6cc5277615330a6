package org.fargatedsp.deploy.canary;

import java.util.List;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * How canary tasks are marked so any later run can find them again: RunTask's {@code startedBy} (which ListTasks
 * filters on) and tags naming the role and service (checked too, so a look-alike startedBy is never touched).
 */
public record CanaryMarks(String cluster, String service) {
    public static final String ROLE_TAG = "fargate-dsp:role";
    public static final String SERVICE_TAG = "fargate-dsp:service";
    public static final String VERSION_TAG = "fargate-dsp:version";
    public static final String ROLE = "canary";

    /** RunTask allows up to 128 letters, digits, '-', '/' and '_' in startedBy (ECS API reference, RunTask). */
    public String startedBy() {
        String value = "fargate-dsp-canary/" + service;
        return value.length() > 128 ? value.substring(0, 128) : value;
    }

    public List<Tag> tags(String version) {
        return List.of(tag(ROLE_TAG, ROLE), tag(SERVICE_TAG, service), tag(VERSION_TAG, version));
    }

    /** True for a task this tool started as a canary of this service. */
    public boolean marks(Task task) {
        return startedBy().equals(task.startedBy())
                && task.tags().stream().anyMatch(t -> t.key().equals(ROLE_TAG) && t.value().equals(ROLE))
                && task.tags().stream().anyMatch(t -> t.key().equals(SERVICE_TAG) && t.value().equals(service));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
