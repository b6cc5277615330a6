package org.fargatedsp.deploy.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.SdkLoadBalancerOperations;
import org.fargatedsp.deploy.aws.Target;
import org.fargatedsp.deploy.canary.CanaryState;
import org.fargatedsp.deploy.canary.CanaryTasks;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.GateFlow;
import org.fargatedsp.deploy.canary.LeftoverFinder;
import org.fargatedsp.deploy.canary.Rollback;
import org.fargatedsp.deploy.canary.ServiceLayout;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The mutating calls a command would make, in order, worked out from the real (read-only) state of the service,
 * for {@code --dry-run}: one entry per API call, naming the action and its important parameters. It reads the
 * state with the same code the real run uses, so what it finds to remove, ship or roll back is the same.
 */
final class DryRunPlan {
    private final DeployContext ctx;
    private final String command;
    private final List<String> calls = new ArrayList<>();

    private DryRunPlan(DeployContext ctx, String command) {
        this.ctx = ctx;
        this.command = command;
    }

    /**
     * The canary flow when the judge passes: remove what an earlier run left, register, run, register targets,
     * weight the rule, then (unless held) update the service and remove the canary, keeping its revision.
     */
    static DryRunPlan canary(DeployContext ctx, RegisterTaskDefinitionRequest rendered, boolean hold) {
        DryRunPlan plan = new DryRunPlan(ctx, "canary");
        Service service = plan.service();
        ServiceLayout layout = ServiceLayout.of(service, ctx.config());
        plan.cleanup(new LeftoverFinder(ctx).find(service, layout));

        // What the run will have created, with placeholders for the names AWS has not given yet.
        String revision = rendered.family() + ":<new>";
        CanaryState canary = new CanaryState();
        plan.call("ecs:RegisterTaskDefinition", "family=" + rendered.family() + " tags version="
                + ctx.config().version() + " image=" + ctx.config().image());
        canary.taskDefinitionRegistered(revision);
        int count = ctx.config().canaryCount();
        List<Target> targets = new ArrayList<>();
        for (RunTaskRequest run : new CanaryTasks(ctx).requests(revision, layout, count, ctx.config().version())) {
            plan.call("ecs:RunTask", "cluster=" + run.cluster() + " taskDefinition=" + run.taskDefinition()
                    + " count=" + run.count() + " startedBy=" + run.startedBy() + " subnets="
                    + run.networkConfiguration().awsvpcConfiguration().subnets() + " securityGroups="
                    + run.networkConfiguration().awsvpcConfiguration().securityGroups());
            for (int i = 0; i < run.count(); i++) {
                int task = targets.size() + 1;
                canary.tasksStarted(List.of("<canary task " + task + " of " + count + ">"));
                targets.add(new Target("<IP of canary task " + task + ">", layout.containerPort()));
            }
        }
        int before = plan.calls.size();
        for (String group : layout.canaryTargetGroups()) {
            plan.targets("elasticloadbalancing:RegisterTargets", group, targets);
            canary.targetsRegistered(group, targets);
        }
        plan.then(before, "(then wait for healthy)");
        String rule = ctx.config().canaryListenerRuleArn();
        if (rule != null) {
            plan.call("elasticloadbalancing:ModifyRule", "RuleArn=" + rule + " weight "
                    + ctx.config().canaryTargetGroupArn() + "=" + ctx.config().canaryWeightPercent());
            canary.ruleWeighted();
        }
        if (hold) {
            return plan;
        }
        plan.call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + service.serviceName()
                + " taskDefinition=" + revision + " (after a " + ctx.config().bake().toSeconds()
                + " s bake, only if the judge (" + ctx.config().metricsSource() + ") passes; then wait for COMPLETED)");
        canary.keepTaskDefinition(revision);
        plan.cleanup(canary);
        return plan;
    }

    /** Promote: update the service to the held canary's revision, then remove the canary but keep the revision. */
    static DryRunPlan promote(DeployContext ctx) {
        DryRunPlan plan = new DryRunPlan(ctx, "promote");
        Service service = plan.service();
        GateFlow.HeldCanary held = new GateFlow(ctx).held(service, ServiceLayout.of(service, ctx.config()));
        plan.call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + service.serviceName()
                + " taskDefinition=" + Arns.taskDefinitionName(held.revision()) + " (then wait for COMPLETED)");
        held.leftovers().keepTaskDefinition(held.revision());
        plan.cleanup(held.leftovers());
        return plan;
    }

    /** Abort: remove every trace of the canary found by its marks. */
    static DryRunPlan abort(DeployContext ctx) {
        DryRunPlan plan = new DryRunPlan(ctx, "abort");
        Service service = plan.service();
        plan.cleanup(new LeftoverFinder(ctx).find(service, ServiceLayout.of(service, ctx.config())));
        return plan;
    }

    /** Rollback: update the service to the revision {@link Rollback} picks. */
    static DryRunPlan rollback(DeployContext ctx, String to) {
        DryRunPlan plan = new DryRunPlan(ctx, "rollback");
        Service service = plan.service();
        String target = new Rollback(ctx).target(service, to);
        plan.call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + service.serviceName()
                + " taskDefinition=" + Arns.taskDefinitionName(target) + " (from "
                + Arns.taskDefinitionName(service.taskDefinition()) + "; then wait for COMPLETED)");
        return plan;
    }

    String command() {
        return command;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    private Service service() {
        return ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
    }

    private void call(String action, String parameters) {
        calls.add(action + " " + parameters);
    }

    /** Appends what the run waits for after the calls added since {@code from}, to the last of them. */
    private void then(int from, String wait) {
        if (calls.size() > from) {
            calls.set(calls.size() - 1, calls.get(calls.size() - 1) + " " + wait);
        }
    }

    /** One call per batch of targets, as the load balancer adapter sends them. */
    private void targets(String action, String group, List<Target> targets) {
        int batch = SdkLoadBalancerOperations.TARGET_BATCH;
        for (int from = 0; from < targets.size(); from += batch) {
            call(action, "TargetGroupArn=" + group + " Targets="
                    + targets.subList(from, Math.min(targets.size(), from + batch)));
        }
    }

    /** What canary clean-up calls for the given state, in the order {@code CanaryCleanup} makes them. */
    private void cleanup(CanaryState state) {
        if (state.weightedRule()) {
            call("elasticloadbalancing:ModifyRule", "RuleArn=" + ctx.config().canaryListenerRuleArn()
                    + " weight " + ctx.config().canaryTargetGroupArn() + "=0");
        }
        int before = calls.size();
        for (Map.Entry<String, List<Target>> group : state.targets().entrySet()) {
            targets("elasticloadbalancing:DeregisterTargets", group.getKey(), group.getValue());
        }
        then(before, "(then wait for draining)");
        before = calls.size();
        for (String task : state.taskArns()) {
            call("ecs:StopTask", "cluster=" + ctx.cluster() + " task=" + task);
        }
        then(before, "(then wait for STOPPED)");
        for (String revision : state.taskDefinitionsToDeregister()) {
            call("ecs:DeregisterTaskDefinition", "taskDefinition=" + Arns.taskDefinitionName(revision));
        }
    }
}
