package org.fargatedsp.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * The tags every meter carries, so that one Fargate task (a canary, say) can be told from the others: Fargate
 * has no host for Datadog to tag. Names follow Datadog's unified service tagging for {@code env}, {@code service}
 * and {@code version}.
 */
public final class CommonTags {
    private CommonTags() {}

    /** The common tags for a task; {@code env} is left out when not configured. */
    public static Tags of(EcsTaskMetadata task, MetricsConfig config) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("cluster", task.cluster()));
        tags.add(Tag.of("task_arn", task.taskArn()));
        tags.add(Tag.of("task_family", task.family()));
        tags.add(Tag.of("task_revision", task.revision()));
        tags.add(Tag.of("availability_zone", task.availabilityZone()));
        tags.add(Tag.of("launch_type", task.launchType()));
        tags.add(Tag.of("version", config.version()));
        tags.add(Tag.of("service", config.service()));
        if (config.env() != null) {
            tags.add(Tag.of("env", config.env()));
        }
        if (task.host() != null) {
            tags.add(Tag.of("host", task.host()));
        }
        return Tags.of(tags);
    }
}
