package org.fargatedsp.deploy.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Simulated ALB target groups and listener rules. A registered target is {@code initial} until its health checks
 * pass ({@code healthy}) or fail ({@code unhealthy}); a deregistered one is {@code draining} for the group's
 * deregistration delay, then gone (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
 */
public final class ElbModel {
    static final Duration HEALTH_CHECKS_TO_HEALTHY = Duration.ofSeconds(20);

    /** One registered target. */
    public static final class SimTarget {
        final String ip;
        final int port;
        final Instant registeredAt;
        String state = "initial";
        String reason = "Elb.RegistrationInProgress";
        String description = "Target registration is in progress";
        Instant drainingSince;

        SimTarget(String ip, int port, Instant registeredAt) {
            this.ip = ip;
            this.port = port;
            this.registeredAt = registeredAt;
        }

        public String ip() {
            return ip;
        }

        public String state() {
            return state;
        }
    }

    /** One target group of type ip. */
    public static final class SimTargetGroup {
        final String arn;
        final List<String> loadBalancerArns;
        final Duration deregistrationDelay;
        final Map<String, SimTarget> targets = new LinkedHashMap<>();

        SimTargetGroup(String arn, List<String> loadBalancerArns, Duration deregistrationDelay) {
            this.arn = arn;
            this.loadBalancerArns = List.copyOf(loadBalancerArns);
            this.deregistrationDelay = deregistrationDelay;
        }

        public List<SimTarget> targets() {
            return List.copyOf(targets.values());
        }

        void registerHealthy(String ip, int port, Instant at) {
            SimTarget target = new SimTarget(ip, port, at);
            healthy(target);
            targets.put(ip + ":" + port, target);
        }

        void remove(String ip) {
            targets.values().removeIf(t -> t.ip.equals(ip));
        }
    }

    final Map<String, SimTargetGroup> groups = new LinkedHashMap<>();
    /** Listener rule ARN to its forward action's target group weights. */
    final Map<String, Map<String, Integer>> rules = new LinkedHashMap<>();
    private final Faults faults;

    ElbModel(Faults faults) {
        this.faults = faults;
    }

    public SimTargetGroup group(String arn) {
        SimTargetGroup group = groups.get(arn);
        if (group == null) {
            throw new SimError("TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        return group;
    }

    public Map<String, Integer> ruleWeights(String ruleArn) {
        return Map.copyOf(rules.get(ruleArn));
    }

    void register(String groupArn, String ip, int port, Instant now) {
        SimTargetGroup group = group(groupArn);
        SimTarget existing = group.targets.get(ip + ":" + port);
        if (existing == null || "draining".equals(existing.state)) {
            group.targets.put(ip + ":" + port, new SimTarget(ip, port, now));
        }
    }

    void deregister(String groupArn, String ip, int port, Instant now) {
        SimTarget target = group(groupArn).targets.get(ip + ":" + port);
        if (target != null && !"draining".equals(target.state)) {
            target.state = "draining";
            target.reason = "Target.DeregistrationInProgress";
            target.description = "Target deregistration is in progress";
            target.drainingSince = now;
        }
    }

    /** Moves health and draining along; {@code tasksByIp} tells whether a target's task still serves. */
    void advance(Instant now, Function<String, SimTask> tasksByIp) {
        for (SimTargetGroup group : groups.values()) {
            group.targets.values().removeIf(t -> "draining".equals(t.state)
                    && !now.isBefore(t.drainingSince.plus(group.deregistrationDelay)));
            for (SimTarget target : group.targets.values()) {
                if ("draining".equals(target.state) || now.isBefore(target.registeredAt.plus(HEALTH_CHECKS_TO_HEALTHY))) {
                    continue;
                }
                SimTask task = tasksByIp.apply(target.ip);
                boolean canary = task != null && task.startedBy != null && !task.startedBy.startsWith("ecs-svc/");
                boolean serving = task != null && task.running() && !"UNHEALTHY".equals(task.healthStatus);
                if (serving && !(canary && faults.canaryTargetsUnhealthy)) {
                    healthy(target);
                } else {
                    target.state = "unhealthy";
                    target.reason = task == null || !task.running() ? "Target.Timeout" : "Target.FailedHealthChecks";
                    target.description = task == null || !task.running() ? "Request timed out"
                            : "Health checks failed with these codes: [503]";
                }
            }
        }
    }

    private static void healthy(SimTarget target) {
        target.state = "healthy";
        target.reason = null;
        target.description = null;
    }

    /** The weights of a rule after ModifyRule; unknown groups are an error, as in ELB. */
    void setWeights(String ruleArn, Map<String, Integer> weights) {
        if (!rules.containsKey(ruleArn)) {
            throw new SimError("RuleNotFound", "One or more rules not found");
        }
        for (String group : weights.keySet()) {
            group(group);
        }
        rules.put(ruleArn, new LinkedHashMap<>(weights));
    }

    List<String> groupArns() {
        return new ArrayList<>(groups.keySet());
    }
}
