package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated ECS cluster: task definitions, tasks and services, moved along by the simulated clock. */
public final class EcsModel {
    static final String ACCOUNT = "123456789012";

    final String region;
    final String clusterName;
    final String clusterArn;
    final String arnPrefix;
    final SimTaskDefinitions taskDefinitions;
    final Map<String, SimTask> tasks = new LinkedHashMap<>();
    final Map<String, SimService> services = new LinkedHashMap<>();
    private final Faults faults;
    private final ElbModel elb;
    private int taskCounter;
    private int ipCounter = 10;

    EcsModel(String region, String clusterName, Faults faults, ElbModel elb) {
        this.region = region;
        this.clusterName = clusterName;
        this.arnPrefix = "arn:aws:ecs:" + region + ":" + ACCOUNT + ":";
        this.clusterArn = arnPrefix + "cluster/" + clusterName;
        this.taskDefinitions = new SimTaskDefinitions(arnPrefix);
        this.faults = faults;
        this.elb = elb;
    }

    public SimTaskDefinitions taskDefinitions() {
        return taskDefinitions;
    }

    public SimService service(String name) {
        return services.get(name);
    }

    public List<SimTask> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Creates a service already running {@code count} healthy tasks of the revision, registered in its groups. */
    SimService createService(String name, String taskDefinitionArn, int count, List<String> targetGroups,
                             boolean circuitBreaker, Instant now) {
        SimService service = new SimService(name, arnPrefix + "service/" + clusterName + "/" + name, clusterArn,
                count, taskDefinitionArn, targetGroups, circuitBreaker, now);
        services.put(name, service);
        startServiceTasks(service, taskDefinitionArn, now);
        return service;
    }

    private void startServiceTasks(SimService service, String taskDefinitionArn, Instant now) {
        Instant longAgo = now.minus(Duration.ofHours(1));
        for (int i = 0; i < service.desiredCount; i++) {
            SimTask task = newTask(taskDefinitionArn, "ecs-svc/" + service.name, "service:" + service.name, longAgo);
            task.advance(now);
            for (String group : service.targetGroupArns) {
                elb.group(group).registerHealthy(task.ip, 8080, longAgo);
            }
        }
    }

    SimTask newTask(String taskDefinitionArn, String startedBy, String group, Instant now) {
        String id = String.format("%032x", ++taskCounter);
        String ip = "10.0." + (ipCounter / 250) + "." + (ipCounter++ % 250 + 2);
        SimTask task = new SimTask(arnPrefix + "task/" + clusterName + "/" + id, taskDefinitionArn, startedBy, group,
                ip, now, taskDefinitions.hasHealthCheck(taskDefinitionArn));
        tasks.put(task.arn, task);
        return task;
    }

    /** RunTask: starts tasks, or reports capacity failures for the last ones when the fault asks for it. */
    List<Object> runTask(JsonNode request, Instant now) {
        SimTaskDefinitions.Revision revision = taskDefinitions.require(request.path("taskDefinition").asText());
        if (!"ACTIVE".equals(revision.status())) {
            throw new SimError("ClientException", "TaskDefinition is inactive");
        }
        int count = request.path("count").asInt(1);
        if (count < 1 || count > 10) {
            throw new SimError("InvalidParameterException", "count must be between 1 and 10");
        }
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i >= count - faults.runTaskCapacityFailures) {
                results.add("Capacity is unavailable at this time. Please try again later or in a different"
                        + " availability zone");
                continue;
            }
            SimTask task = newTask(revision.arn(), request.path("startedBy").asText(null),
                    "family:" + revision.family(), now);
            if ("TASK_DEFINITION".equals(request.path("propagateTags").asText())) {
                revision.tags().forEach(t -> task.tags.put(t.path("key").asText(), t.path("value").asText()));
            }
            request.path("tags").forEach(t -> task.tags.put(t.path("key").asText(), t.path("value").asText()));
            task.hiddenDescribes = faults.describeAfterRunMisses ? 1 : 0;
            task.pullFails = faults.imagePullFailure;
            if (faults.canaryCrashAfter != null) {
                task.crashAt = now.plus(SimTask.TO_RUNNING).plus(faults.canaryCrashAfter);
            }
            if (faults.canaryUnhealthyAfter != null) {
                task.unhealthyAt = now.plus(SimTask.TO_RUNNING).plus(faults.canaryUnhealthyAfter);
            }
            results.add(task);
        }
        return results;
    }

    void stopTask(String arn, String reason, Instant now) {
        SimTask task = task(arn);
        task.stop(now, "UserInitiated", reason == null ? "Task stopped by user" : reason, null, null);
    }

    SimTask task(String arnOrId) {
        SimTask task = tasks.get(arnOrId);
        if (task == null) {
            task = tasks.values().stream().filter(t -> t.arn.endsWith("/" + arnOrId)).findFirst().orElse(null);
        }
        if (task == null) {
            throw new SimError("InvalidParameterException", "The referenced task was not found.");
        }
        return task;
    }

    SimService requireService(String name) {
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        SimService service = services.get(shortName);
        if (service == null) {
            throw new SimError("ServiceNotFoundException", "Service not found.");
        }
        return service;
    }

    void updateService(SimService service, String taskDefinition, Instant now) {
        SimTaskDefinitions.Revision revision = taskDefinitions.require(taskDefinition);
        service.update(revision.arn(), now, faults.rolloutFails);
    }

    int runningCount(SimService service) {
        return (int) tasks.values().stream().filter(t -> t.group.equals("service:" + service.name) && t.running())
                .count();
    }

    /** Moves every task and deployment to {@code now}. */
    void advance(Instant now) {
        tasks.values().forEach(t -> t.advance(now));
        for (SimService service : services.values()) {
            SimService.Deployment completed = service.advance(now);
            if (completed == null) {
                continue;
            }
            List<SimTask> current = tasks.values().stream()
                    .filter(t -> t.group.equals("service:" + service.name) && !"STOPPED".equals(t.desiredStatus))
                    .toList();
            if (current.stream().allMatch(t -> t.taskDefinitionArn.equals(completed.taskDefinitionArn))) {
                continue;
            }
            for (SimTask old : current) {
                old.stop(now, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment "
                        + completed.id + ")", 0, null);
                service.targetGroupArns.forEach(g -> elb.group(g).remove(old.ip));
            }
            startServiceTasks(service, completed.taskDefinitionArn, now);
        }
    }
}
