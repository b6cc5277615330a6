package org.fargatedsp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

class CommonTagsTest {
    private static final MetricsConfig CONFIG = new MetricsConfig("k", "http://x", "prod", "dsp-bidder", "1.4.0", 1000);

    @Test
    void tagsEveryMeterWithTheTaskItCameFrom() {
        EcsTaskMetadata task = new EcsTaskMetadata("dsp-prod", "arn:aws:ecs:us-west-2:1:task/dsp-prod/abc", "abc",
                "dsp-bidder", "42", "us-west-2b", "FARGATE", null);

        assertThat(CommonTags.of(task, CONFIG)).containsExactlyInAnyOrder(Tag.of("cluster", "dsp-prod"),
                Tag.of("task_arn", "arn:aws:ecs:us-west-2:1:task/dsp-prod/abc"), Tag.of("task_family", "dsp-bidder"),
                Tag.of("task_revision", "42"), Tag.of("availability_zone", "us-west-2b"),
                Tag.of("launch_type", "FARGATE"), Tag.of("version", "1.4.0"), Tag.of("service", "dsp-bidder"),
                Tag.of("env", "prod"));
    }

    @Test
    void tagsTheHostOutsideEcsAndLeavesOutAnUnsetEnv() {
        MetricsConfig noEnv = new MetricsConfig(null, "http://x", null, "dsp-bidder", "dev", 1000);

        assertThat(CommonTags.of(EcsTaskMetadata.local("laptop"), noEnv)).contains(Tag.of("host", "laptop"),
                Tag.of("cluster", "local"), Tag.of("task_arn", "laptop"), Tag.of("version", "dev"))
                .noneMatch(t -> t.getKey().equals("env"));
    }
}
