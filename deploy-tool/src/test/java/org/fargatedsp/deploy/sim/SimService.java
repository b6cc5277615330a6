package org.fargatedsp.deploy.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An ECS service with its deployments: a new one starts PRIMARY and IN_PROGRESS and ends COMPLETED, or FAILED,
 * in which case the circuit breaker (when enabled) starts a rollback deployment of the previous revision
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html).
 */
public final class SimService {
    static final Duration ROLLOUT = Duration.ofSeconds(60);
    static final Duration ROLLBACK = Duration.ofSeconds(30);

    /** One deployment as DescribeServices lists it. */
    public static final class Deployment {
        final String id;
        String status = "PRIMARY";
        final String taskDefinitionArn;
        String rolloutState = "IN_PROGRESS";
        String rolloutStateReason = "ECS deployment " + "in progress.";
        final Instant createdAt;
        final boolean fails;
        final String previousTaskDefinitionArn;
        int runningCount;
        int failedTasks;
        boolean rollback;

        Deployment(String id, String taskDefinitionArn, Instant createdAt, boolean fails, String previous) {
            this.id = id;
            this.taskDefinitionArn = taskDefinitionArn;
            this.createdAt = createdAt;
            this.fails = fails;
            this.previousTaskDefinitionArn = previous;
        }

        public String status() {
            return status;
        }

        public String taskDefinitionArn() {
            return taskDefinitionArn;
        }

        public String rolloutState() {
            return rolloutState;
        }
    }

    final String name;
    final String arn;
    final String clusterArn;
    final int desiredCount;
    final List<String> targetGroupArns;
    final boolean circuitBreaker;
    final List<Deployment> deployments = new ArrayList<>();
    String taskDefinitionArn;
    private int deploymentCounter;

    SimService(String name, String arn, String clusterArn, int desiredCount, String taskDefinitionArn,
               List<String> targetGroupArns, boolean circuitBreaker, Instant now) {
        this.name = name;
        this.arn = arn;
        this.clusterArn = clusterArn;
        this.desiredCount = desiredCount;
        this.taskDefinitionArn = taskDefinitionArn;
        this.targetGroupArns = List.copyOf(targetGroupArns);
        this.circuitBreaker = circuitBreaker;
        Deployment first = new Deployment(nextId(), taskDefinitionArn, now, false, null);
        first.rolloutState = "COMPLETED";
        first.rolloutStateReason = "ECS deployment " + first.id + " completed.";
        first.runningCount = desiredCount;
        deployments.add(first);
    }

    public String taskDefinitionArn() {
        return taskDefinitionArn;
    }

    public List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    public Deployment primary() {
        return deployments.stream().filter(d -> "PRIMARY".equals(d.status)).findFirst().orElseThrow();
    }

    private String nextId() {
        return "ecs-svc/" + (9_000_000_000_000_000_000L + (++deploymentCounter));
    }

    Deployment update(String newTaskDefinitionArn, Instant now, boolean fails) {
        String previous = taskDefinitionArn;
        deployments.forEach(d -> d.status = "ACTIVE");
        Deployment deployment = new Deployment(nextId(), newTaskDefinitionArn, now, fails, previous);
        deployments.add(0, deployment);
        taskDefinitionArn = newTaskDefinitionArn;
        return deployment;
    }

    /** Moves deployments along; returns the deployment that just completed (to replace tasks), or null. */
    Deployment advance(Instant now) {
        for (Deployment d : List.copyOf(deployments)) {
            if (!"IN_PROGRESS".equals(d.rolloutState)) {
                continue;
            }
            Instant due = d.createdAt.plus(d.rollback ? ROLLBACK : ROLLOUT);
            if (now.isBefore(due)) {
                continue;
            }
            if (d.fails) {
                d.failedTasks = 3;
                if (!circuitBreaker) {
                    continue;
                }
                d.rolloutState = "FAILED";
                d.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
                d.status = "ACTIVE";
                Deployment back = new Deployment(nextId(), d.previousTaskDefinitionArn, due, false, null);
                back.rollback = true;
                deployments.add(0, back);
                taskDefinitionArn = d.previousTaskDefinitionArn;
                continue;
            }
            d.rolloutState = "COMPLETED";
            d.rolloutStateReason = "ECS deployment " + d.id + " completed.";
            d.runningCount = desiredCount;
            deployments.removeIf(other -> other != d);
            return d;
        }
        return null;
    }

    ObjectNode toJson(int runningCount) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("serviceArn", arn).put("serviceName", name).put("clusterArn", clusterArn).put("status", "ACTIVE")
                .put("desiredCount", desiredCount).put("runningCount", runningCount).put("pendingCount", 0)
                .put("launchType", "FARGATE").put("platformVersion", "LATEST")
                .put("taskDefinition", taskDefinitionArn).put("schedulingStrategy", "REPLICA");
        ObjectNode config = s.putObject("deploymentConfiguration").put("maximumPercent", 200)
                .put("minimumHealthyPercent", 100);
        config.putObject("deploymentCircuitBreaker").put("enable", circuitBreaker).put("rollback", circuitBreaker);
        for (Deployment d : deployments) {
            s.withArray("deployments").addObject().put("id", d.id).put("status", d.status)
                    .put("taskDefinition", d.taskDefinitionArn).put("desiredCount", desiredCount)
                    .put("pendingCount", 0).put("runningCount", d.runningCount).put("failedTasks", d.failedTasks)
                    .put("createdAt", Wire.epoch(d.createdAt)).put("updatedAt", Wire.epoch(d.createdAt))
                    .put("launchType", "FARGATE").put("rolloutState", d.rolloutState)
                    .put("rolloutStateReason", d.rolloutStateReason);
        }
        for (String group : targetGroupArns) {
            s.withArray("loadBalancers").addObject().put("targetGroupArn", group).put("containerName", "bidder")
                    .put("containerPort", 8080);
        }
        ObjectNode vpc = s.putObject("networkConfiguration").putObject("awsvpcConfiguration");
        vpc.putArray("subnets").add("subnet-0a").add("subnet-0b");
        vpc.putArray("securityGroups").add("sg-0bidder");
        vpc.put("assignPublicIp", "DISABLED");
        return s;
    }
}
