package org.fargatedsp.deploy.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** {@link EcsOperations} over the SDK's ECS client (AWS JSON 1.1 on the wire). */
public final class SdkEcsOperations implements EcsOperations {
    /** DescribeTasks takes at most 100 tasks per call (ECS API reference, DescribeTasks). */
    static final int DESCRIBE_TASKS_BATCH = 100;

    private final EcsClient ecs;

    public SdkEcsOperations(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public TaskDefinition registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        return ecs.registerTaskDefinition(request).taskDefinition();
    }

    @Override
    public void deregisterTaskDefinition(String taskDefinitionArn) {
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(taskDefinitionArn));
    }

    @Override
    public DescribedTaskDefinition describeTaskDefinition(String taskDefinition) {
        DescribeTaskDefinitionResponse response = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)
                .includeWithStrings("TAGS"));
        return new DescribedTaskDefinition(response.taskDefinition(), response.tags());
    }

    @Override
    public List<String> listActiveRevisions(String family) {
        List<String> arns = new ArrayList<>();
        ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)
                        .sort(SortOrder.DESC))
                .taskDefinitionArns().forEach(arns::add);
        // familyPrefix matches "bidder" and "bidder-canary" alike: keep the family itself, newest first.
        return arns.stream()
                .filter(arn -> Arns.taskDefinitionFamily(arn).equals(family))
                .sorted(Comparator.comparingInt(Arns::taskDefinitionRevision).reversed())
                .toList();
    }

    @Override
    public Service describeService(String cluster, String service) {
        DescribeServicesResponse response = ecs.describeServices(r -> r.cluster(cluster).services(service));
        if (!response.failures().isEmpty()) {
            Failure failure = response.failures().get(0);
            throw new AwsFailure("service " + service + " in cluster " + cluster + ": " + failure.reason()
                    + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
        }
        Service found = response.services().isEmpty() ? null : response.services().get(0);
        if (found == null || !"ACTIVE".equals(found.status())) {
            throw new AwsFailure("service " + service + " in cluster " + cluster + " is not ACTIVE"
                    + (found == null ? "" : " (status " + found.status() + ")"));
        }
        return found;
    }

    @Override
    public RunTaskResponse runTask(RunTaskRequest request) {
        return ecs.runTask(request);
    }

    @Override
    public TaskLookup describeTasks(String cluster, Collection<String> taskArns) {
        List<String> all = List.copyOf(taskArns);
        List<Task> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < all.size(); from += DESCRIBE_TASKS_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + DESCRIBE_TASKS_BATCH));
            DescribeTasksResponse response = ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)
                    .includeWithStrings("TAGS"));
            found.addAll(response.tasks());
            for (Failure failure : response.failures()) {
                missing.add(failure.arn());
            }
        }
        return new TaskLookup(found, missing);
    }

    @Override
    public List<String> listTasksStartedBy(String cluster, String startedBy, DesiredStatus desiredStatus) {
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(r -> r.cluster(cluster).startedBy(startedBy).desiredStatus(desiredStatus))
                .taskArns().forEach(arns::add);
        return arns;
    }

    @Override
    public List<String> listServiceTasks(String cluster, String service) {
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.RUNNING))
                .taskArns().forEach(arns::add);
        return arns;
    }

    @Override
    public void stopTask(String cluster, String taskArn, String reason) {
        ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason(reason));
    }

    @Override
    public Service updateService(String cluster, String service, String taskDefinitionArn) {
        return ecs.updateService(r -> r.cluster(cluster).service(service).taskDefinition(taskDefinitionArn))
                .service();
    }
}
