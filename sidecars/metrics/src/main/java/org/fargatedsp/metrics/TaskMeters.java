package org.fargatedsp.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * A program's meters from start to exit: the registry {@link MeterRegistries#create} builds, tagged with the ECS
 * task {@link EcsMetadataReader} reads, and the JVM's meters on it. Closing sends the last step.
 */
public final class TaskMeters implements AutoCloseable {
    private final EcsTaskMetadata task;
    private final MeterRegistry registry;
    private final JvmMeters jvm;

    private TaskMeters(EcsTaskMetadata task, MeterRegistry registry) {
        this.task = task;
        this.registry = registry;
        this.jvm = JvmMeters.bindTo(registry);
    }

    /**
     * Reads the task metadata (at most {@link EcsMetadataReader#DEFAULT_TIMEOUT}) from the endpoint {@code env}
     * names and starts the registry {@code config} describes.
     */
    public static TaskMeters start(MetricsConfig config, Map<String, String> env) {
        EcsTaskMetadata task = EcsMetadataReader.read(env);
        return new TaskMeters(task, MeterRegistries.create(config, CommonTags.of(task, config)));
    }

    public EcsTaskMetadata task() {
        return task;
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
