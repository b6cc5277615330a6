package org.fargatedsp.deploy.canary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fargatedsp.deploy.aws.Target;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Finds what an earlier run left behind (it crashed, was killed, or held its canary for a manual gate) by the
 * canary marks alone, so nothing depends on local state surviving.
 */
public final class LeftoverFinder {
    private final DeployContext ctx;

    public LeftoverFinder(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** Canary tasks of this service that ECS still lists (running ones, and recently stopped ones). */
    public List<Task> canaryTasks() {
        Set<String> arns = new LinkedHashSet<>();
        String startedBy = ctx.marks().startedBy();
        arns.addAll(ctx.ecs().listTasksStartedBy(ctx.cluster(), startedBy, DesiredStatus.RUNNING));
        arns.addAll(ctx.ecs().listTasksStartedBy(ctx.cluster(), startedBy, DesiredStatus.STOPPED));
        if (arns.isEmpty()) {
            return List.of();
        }
        return ctx.ecs().describeTasks(ctx.cluster(), arns).found().stream().filter(ctx.marks()::marks).toList();
    }

    /** Everything to clean: live canary tasks, their targets, the rule weight and unshipped revisions. */
    public CanaryState find(Service service, ServiceLayout layout) {
        CanaryState state = new CanaryState();
        List<Task> tasks = canaryTasks();
        Set<String> ips = new HashSet<>();
        Set<String> serviceRevisions = new HashSet<>();
        Set<String> checked = new HashSet<>();
        for (Deployment deployment : service.deployments()) {
            serviceRevisions.add(deployment.taskDefinition());
        }
        for (Task task : tasks) {
            String ip = TaskDescriptions.privateIp(task);
            if (ip != null) {
                ips.add(ip);
            }
            if (!"STOPPED".equals(task.lastStatus())) {
                state.tasksStarted(List.of(task.taskArn()));
            }
            if (!serviceRevisions.contains(task.taskDefinitionArn()) && checked.add(task.taskDefinitionArn())
                    && "ACTIVE".equals(ctx.ecs().describeTaskDefinition(task.taskDefinitionArn()).taskDefinition()
                    .statusAsString())) {
                state.taskDefinitionRegistered(task.taskDefinitionArn());
            }
        }
        for (String group : layout.canaryTargetGroups()) {
            List<Target> found = new ArrayList<>();
            for (TargetHealthDescription d : ctx.elb().describeTargetHealth(group)) {
                boolean ours = ctx.config().dedicatedCanaryTargetGroup() || ips.contains(d.target().id());
                if (ours && d.targetHealth().state() != TargetHealthStateEnum.DRAINING) {
                    found.add(new Target(d.target().id(), d.target().port()));
                }
            }
            if (!found.isEmpty()) {
                state.targetsRegistered(group, found);
            }
        }
        if (ctx.config().canaryListenerRuleArn() != null && canaryWeight() > 0) {
            state.ruleWeighted();
        }
        return state;
    }

    private int canaryWeight() {
        Rule rule = ctx.elb().describeRule(ctx.config().canaryListenerRuleArn());
        return rule.actions().stream()
                .filter(a -> a.forwardConfig() != null)
                .flatMap(a -> a.forwardConfig().targetGroups().stream())
                .filter(t -> t.targetGroupArn().equals(ctx.config().canaryTargetGroupArn()))
                .mapToInt(t -> t.weight() == null ? 1 : t.weight())
                .max().orElse(0);
    }
}
