package org.fargatedsp.deploy.canary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.EcsOperations.TaskLookup;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Starts canary tasks next to the service's and waits until they run (and are healthy, where a health check exists). */
public final class CanaryTasks {
    /** RunTask starts at most 10 tasks per call (ECS API reference, RunTask count). */
    static final int RUN_TASK_MAX = 10;

    private final DeployContext ctx;

    public CanaryTasks(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** The RunTask requests that start {@code count} canaries, batched as the API requires. */
    public List<RunTaskRequest> requests(String taskDefinitionArn, ServiceLayout layout, int count, String version) {
        List<RunTaskRequest> requests = new ArrayList<>();
        for (int started = 0; started < count; started += RUN_TASK_MAX) {
            RunTaskRequest.Builder request = RunTaskRequest.builder()
                    .cluster(ctx.cluster())
                    .taskDefinition(taskDefinitionArn)
                    .count(Math.min(RUN_TASK_MAX, count - started))
                    .startedBy(ctx.marks().startedBy())
                    .tags(ctx.marks().tags(version))
                    .propagateTags(PropagateTags.TASK_DEFINITION)
                    .enableECSManagedTags(true)
                    .networkConfiguration(layout.network())
                    .platformVersion(layout.platformVersion())
                    // The client token makes a retried RunTask idempotent instead of starting extra canaries.
                    .clientToken(UUID.randomUUID().toString());
            if (layout.capacityProviders().isEmpty()) {
                request.launchType(LaunchType.FARGATE);
            } else {
                request.capacityProviderStrategy(layout.capacityProviders());
            }
            requests.add(request.build());
        }
        return requests;
    }

    /** Runs the canaries, recording each started task in {@code state} before anything else can fail. */
    public List<String> run(List<RunTaskRequest> requests, CanaryState state) {
        List<String> arns = new ArrayList<>();
        for (RunTaskRequest request : requests) {
            RunTaskResponse response = ctx.ecs().runTask(request);
            List<String> started = response.tasks().stream().map(Task::taskArn).toList();
            state.tasksStarted(started);
            arns.addAll(started);
            if (!response.failures().isEmpty()) {
                Failure failure = response.failures().get(0);
                throw new DeployError("RunTask could not start " + response.failures().size() + " of "
                        + request.count() + " canary tasks: " + failure.reason()
                        + (failure.detail() == null ? "" : " (" + failure.detail() + ")")
                        + (failure.arn() == null ? "" : " [" + failure.arn() + "]"));
            }
        }
        return arns;
    }

    /** Waits for RUNNING (and HEALTHY when the definition has a health check); a stopped task rejects the canary. */
    public List<Task> awaitStarted(List<String> arns, TaskDefinition definition) {
        boolean healthChecked = definition.containerDefinitions().stream()
                .anyMatch(c -> Boolean.TRUE.equals(c.essential()) && c.healthCheck() != null);
        Duration timeout = ctx.config().timeouts().taskStart();
        return ctx.waiter().until("canary tasks to be RUNNING" + (healthChecked ? " and HEALTHY" : ""), timeout,
                () -> {
                    TaskLookup lookup = ctx.ecs().describeTasks(ctx.cluster(), arns);
                    int ready = 0;
                    for (Task task : lookup.found()) {
                        if ("STOPPED".equals(task.lastStatus()) || "DEPROVISIONING".equals(task.lastStatus())
                                || "STOPPED".equals(task.desiredStatus())) {
                            throw new CanaryRejected(TaskDescriptions.stopped(task));
                        }
                        if ("UNHEALTHY".equals(task.healthStatusAsString())) {
                            throw new CanaryRejected("task " + Arns.taskId(task.taskArn())
                                    + " is UNHEALTHY: its container health check fails");
                        }
                        boolean running = "RUNNING".equals(task.lastStatus());
                        boolean healthy = !healthChecked || "HEALTHY".equals(task.healthStatusAsString());
                        if (running && healthy && TaskDescriptions.privateIp(task) != null) {
                            ready++;
                        }
                    }
                    // DescribeTasks right after RunTask can report a task MISSING (eventual consistency,
                    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/ecs-api-eventual-consistency.html):
                    // keep polling; the timeout bounds it.
                    if (ready == arns.size()) {
                        return Waiter.Poll.done(lookup.found());
                    }
                    return Waiter.Poll.pending(ready + "/" + arns.size() + " ready, " + lookup.missing().size()
                            + " not yet visible, statuses " + lookup.found().stream()
                            .map(t -> t.lastStatus() + "/" + t.healthStatusAsString()).toList());
                });
    }
}
