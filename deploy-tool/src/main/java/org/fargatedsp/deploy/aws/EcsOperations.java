package org.fargatedsp.deploy.aws;

import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ECS calls the deploy tool makes, with paging and batching already handled. */
public interface EcsOperations {

    /** A task definition with the tags ECS keeps beside it. */
    record DescribedTaskDefinition(TaskDefinition taskDefinition, List<Tag> tags) {
    }

    /** Tasks DescribeTasks found, and the ARNs it reported MISSING (eventual consistency right after RunTask). */
    record TaskLookup(List<Task> found, List<String> missing) {
    }

    TaskDefinition registerTaskDefinition(RegisterTaskDefinitionRequest request);

    void deregisterTaskDefinition(String taskDefinitionArn);

    /** Describes a task definition by family, family:revision or ARN, with its tags. */
    DescribedTaskDefinition describeTaskDefinition(String taskDefinition);

    /** ACTIVE revisions of a family, newest first, every page. */
    List<String> listActiveRevisions(String family);

    /** The service; throws {@link AwsFailure} when it does not exist or is not ACTIVE. */
    Service describeService(String cluster, String service);

    /** One RunTask call (at most 10 tasks, as the API allows); failures come back inside the response. */
    RunTaskResponse runTask(RunTaskRequest request);

    /** Describes tasks with their tags, 100 ARNs a call (the API's limit). */
    TaskLookup describeTasks(String cluster, Collection<String> taskArns);

    /** Every page of ListTasks for tasks started with this startedBy value. */
    List<String> listTasksStartedBy(String cluster, String startedBy, DesiredStatus desiredStatus);

    /** Every page of ListTasks for the service's running tasks. */
    List<String> listServiceTasks(String cluster, String service);

    void stopTask(String cluster, String taskArn, String reason);

    /** Points the service at a task definition; the returned service lists the deployment that started. */
    Service updateService(String cluster, String service, String taskDefinitionArn);
}
