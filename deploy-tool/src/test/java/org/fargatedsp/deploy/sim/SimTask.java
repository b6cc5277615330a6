package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ECS task as the simulator keeps it: it goes PROVISIONING, PENDING, ACTIVATING, RUNNING (with health when its
 * definition has a health check) and, when stopped or failed, DEPROVISIONING then STOPPED
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html).
 */
public final class SimTask {
    static final Duration TO_PENDING = Duration.ofSeconds(5);
    static final Duration TO_ACTIVATING = Duration.ofSeconds(15);
    static final Duration TO_RUNNING = Duration.ofSeconds(20);
    static final Duration TO_HEALTHY = Duration.ofSeconds(30);
    static final Duration TO_STOPPED = Duration.ofSeconds(10);

    final String arn;
    final String taskDefinitionArn;
    final String startedBy;
    final String group;
    final String ip;
    final Instant createdAt;
    final boolean healthChecked;
    final Map<String, String> tags = new LinkedHashMap<>();
    String lastStatus = "PROVISIONING";
    String desiredStatus = "RUNNING";
    String healthStatus = "UNKNOWN";
    Instant runningAt;
    Instant stoppingAt;
    Instant stoppedAt;
    String stopCode;
    String stoppedReason;
    Integer exitCode;
    String containerReason;
    int hiddenDescribes;
    /** Faults that apply to this task: set for canaries only. */
    Instant crashAt;
    Instant unhealthyAt;
    boolean pullFails;

    SimTask(String arn, String taskDefinitionArn, String startedBy, String group, String ip, Instant createdAt,
            boolean healthChecked) {
        this.arn = arn;
        this.taskDefinitionArn = taskDefinitionArn;
        this.startedBy = startedBy;
        this.group = group;
        this.ip = ip;
        this.createdAt = createdAt;
        this.healthChecked = healthChecked;
    }

    public String arn() {
        return arn;
    }

    public String lastStatus() {
        return lastStatus;
    }

    public String taskDefinitionArn() {
        return taskDefinitionArn;
    }

    public String ip() {
        return ip;
    }

    public String startedBy() {
        return startedBy;
    }

    public boolean running() {
        return "RUNNING".equals(lastStatus);
    }

    /** Moves the task along its lifecycle up to {@code now}. */
    void advance(Instant now) {
        if ("STOPPED".equals(lastStatus)) {
            return;
        }
        if ("STOPPED".equals(desiredStatus)) {
            lastStatus = now.isBefore(stoppingAt.plus(TO_STOPPED)) ? "DEPROVISIONING" : "STOPPED";
            if ("STOPPED".equals(lastStatus)) {
                stoppedAt = stoppingAt.plus(TO_STOPPED);
            }
            return;
        }
        Duration age = Duration.between(createdAt, now);
        if (pullFails && age.compareTo(TO_ACTIVATING) >= 0) {
            stop(createdAt.plus(TO_ACTIVATING), "TaskFailedToStart", "CannotPullContainerError: pull image manifest"
                    + " has been retried 5 time(s): failed to resolve ref: not found", null, null);
            return;
        }
        lastStatus = age.compareTo(TO_RUNNING) >= 0 ? "RUNNING"
                : age.compareTo(TO_ACTIVATING) >= 0 ? "ACTIVATING"
                : age.compareTo(TO_PENDING) >= 0 ? "PENDING" : "PROVISIONING";
        if (!running()) {
            return;
        }
        runningAt = createdAt.plus(TO_RUNNING);
        if (crashAt != null && !now.isBefore(crashAt)) {
            stop(crashAt, "EssentialContainerExited", "Essential container in task exited", 137,
                    "OutOfMemoryError: Container killed due to memory usage");
            return;
        }
        if (healthChecked) {
            boolean unhealthy = unhealthyAt != null && !now.isBefore(unhealthyAt);
            healthStatus = unhealthy ? "UNHEALTHY" : age.compareTo(TO_RUNNING.plus(TO_HEALTHY)) >= 0 ? "HEALTHY"
                    : "UNKNOWN";
        }
    }

    /** Stops the task as ECS does for the given stop code; the stop takes {@link #TO_STOPPED}. */
    void stop(Instant at, String code, String reason, Integer exit, String exitReason) {
        if ("STOPPED".equals(desiredStatus)) {
            return;
        }
        desiredStatus = "STOPPED";
        stoppingAt = at;
        stopCode = code;
        stoppedReason = reason;
        exitCode = exit;
        containerReason = exitReason;
        lastStatus = "DEPROVISIONING";
    }

    ObjectNode toJson(String clusterArn) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode task = f.objectNode();
        task.put("taskArn", arn).put("clusterArn", clusterArn).put("taskDefinitionArn", taskDefinitionArn)
                .put("lastStatus", lastStatus).put("desiredStatus", desiredStatus).put("launchType", "FARGATE")
                .put("platformVersion", "1.4.0").put("cpu", "1024").put("memory", "2048")
                .put("createdAt", Wire.epoch(createdAt)).put("group", group).put("version", 1);
        if (healthChecked) {
            task.put("healthStatus", healthStatus);
        }
        if (startedBy != null) {
            task.put("startedBy", startedBy);
        }
        putTime(task, "startedAt", runningAt);
        putTime(task, "stoppingAt", stoppingAt);
        putTime(task, "stoppedAt", "STOPPED".equals(lastStatus) ? stoppedAt : null);
        if (stopCode != null) {
            task.put("stopCode", stopCode).put("stoppedReason", stoppedReason);
        }
        ObjectNode container = task.putArray("containers").addObject();
        container.put("containerArn", arn.replace(":task/", ":container/") + "/bidder").put("name", "bidder")
                .put("lastStatus", lastStatus).put("healthStatus", healthStatus);
        if (exitCode != null) {
            container.put("exitCode", exitCode);
        }
        if (containerReason != null) {
            container.put("reason", containerReason);
        }
        if (!"PROVISIONING".equals(lastStatus)) {
            container.putArray("networkInterfaces").addObject().put("privateIpv4Address", ip);
            ObjectNode eni = task.putArray("attachments").addObject();
            eni.put("id", "eni-attach-" + ip.replace('.', '-')).put("type", "ElasticNetworkInterface")
                    .put("status", "STOPPED".equals(lastStatus) ? "DELETED" : "ATTACHED");
            ArrayNode details = eni.putArray("details");
            details.addObject().put("name", "subnetId").put("value", "subnet-0a");
            details.addObject().put("name", "privateIPv4Address").put("value", ip);
        }
        ArrayNode tagArray = task.putArray("tags");
        tags.forEach((k, v) -> tagArray.addObject().put("key", k).put("value", v));
        return task;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, Wire.epoch(time));
        }
    }
}
