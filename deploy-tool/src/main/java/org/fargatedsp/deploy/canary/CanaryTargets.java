package org.fargatedsp.deploy.canary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.aws.Target;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** Puts canary tasks behind the load balancer and takes them out again, waiting for health and for draining. */
public final class CanaryTargets {
    private final DeployContext ctx;

    public CanaryTargets(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** The IP targets of the given tasks, on the container port the service's load balancer uses. */
    public static List<Target> targetsOf(List<Task> tasks, ServiceLayout layout) {
        List<Target> targets = new ArrayList<>();
        for (Task task : tasks) {
            String ip = TaskDescriptions.privateIp(task);
            if (ip != null) {
                targets.add(new Target(ip, layout.containerPort()));
            }
        }
        return targets;
    }

    /** Registers the targets in every canary target group, recording each group as soon as it succeeds. */
    public void register(ServiceLayout layout, List<Target> targets, CanaryState state) {
        for (String group : layout.canaryTargetGroups()) {
            ctx.elb().registerTargets(group, targets);
            state.targetsRegistered(group, targets);
        }
    }

    /** Waits until every target is {@code healthy}; {@code unhealthy} rejects the canary with the ALB's reason. */
    public void awaitHealthy(Map<String, List<Target>> targets) {
        ctx.waiter().until("canary targets to be healthy", ctx.config().timeouts().targetHealthy(), () -> {
            int healthy = 0;
            int total = 0;
            List<String> states = new ArrayList<>();
            for (Map.Entry<String, List<Target>> group : targets.entrySet()) {
                for (TargetHealthDescription d : ctx.elb().describeTargetHealth(group.getKey(), group.getValue())) {
                    total++;
                    TargetHealthStateEnum state = d.targetHealth().state();
                    states.add(d.target().id() + "=" + d.targetHealth().stateAsString());
                    if (state == TargetHealthStateEnum.HEALTHY) {
                        healthy++;
                    } else if (state == TargetHealthStateEnum.UNHEALTHY) {
                        throw new CanaryRejected("target " + d.target().id() + ":" + d.target().port()
                                + " is unhealthy in " + group.getKey() + ": " + d.targetHealth().reasonAsString()
                                + " (" + d.targetHealth().description() + ")");
                    } else if (notRegistered(d) || state == TargetHealthStateEnum.DRAINING) {
                        throw new DeployError("target " + d.target().id() + " went " + d.targetHealth().stateAsString()
                                + " in " + group.getKey() + " while the canary waited for it: "
                                + d.targetHealth().description());
                    }
                }
            }
            return healthy == total ? Waiter.Poll.done(Boolean.TRUE)
                    : Waiter.Poll.pending(healthy + "/" + total + " healthy " + states);
        });
    }

    /** Weights the listener rule so the canary group gets {@code percent} of its traffic, the rest shared out. */
    public Map<String, Integer> canaryWeights(String ruleArn, String canaryGroup, int percent) {
        Rule rule = ctx.elb().describeRule(ruleArn);
        List<String> others = new ArrayList<>();
        boolean forwardsToCanary = false;
        for (Action action : rule.actions()) {
            if (action.forwardConfig() == null) {
                continue;
            }
            for (TargetGroupTuple tuple : action.forwardConfig().targetGroups()) {
                if (tuple.targetGroupArn().equals(canaryGroup)) {
                    forwardsToCanary = true;
                } else {
                    others.add(tuple.targetGroupArn());
                }
            }
        }
        if (!forwardsToCanary || others.isEmpty()) {
            throw new DeployError("listener rule " + ruleArn + " must forward to the canary target group "
                    + canaryGroup + " and at least one other group (a weighted forward action)");
        }
        Map<String, Integer> weights = new HashMap<>();
        weights.put(canaryGroup, percent);
        int rest = 100 - percent;
        for (int i = 0; i < others.size(); i++) {
            weights.put(others.get(i), rest / others.size() + (i < rest % others.size() ? 1 : 0));
        }
        return weights;
    }

    /** Unused because not registered; "unused" alone also means a registered target in a group no listener uses. */
    static boolean notRegistered(TargetHealthDescription d) {
        return d.targetHealth().state() == TargetHealthStateEnum.UNUSED
                && d.targetHealth().reason() == TargetHealthReasonEnum.TARGET_NOT_REGISTERED;
    }

    public void deregister(Map<String, List<Target>> targets) {
        targets.forEach((group, list) -> {
            if (!list.isEmpty()) {
                ctx.elb().deregisterTargets(group, list);
            }
        });
    }

    /** Waits until no target is still draining; a deregistered target reads {@code unused} (Target.NotRegistered). */
    public void awaitDrained(Map<String, List<Target>> targets) {
        ctx.waiter().until("canary targets to drain", ctx.config().timeouts().drain(), () -> {
            List<String> draining = new ArrayList<>();
            for (Map.Entry<String, List<Target>> group : targets.entrySet()) {
                if (group.getValue().isEmpty()) {
                    continue;
                }
                for (TargetHealthDescription d : ctx.elb().describeTargetHealth(group.getKey(), group.getValue())) {
                    if (!notRegistered(d)) {
                        draining.add(d.target().id() + "=" + d.targetHealth().stateAsString());
                    }
                }
            }
            return draining.isEmpty() ? Waiter.Poll.done(Boolean.TRUE)
                    : Waiter.Poll.pending("still registered or draining: " + draining);
        });
    }
}
