package org.fargatedsp.deploy.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.Target;
import org.fargatedsp.deploy.canary.CanaryState;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.LeftoverFinder;
import org.fargatedsp.deploy.canary.ServiceLayout;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The calls a mutating command would make, worked out from the real (read-only) state of the service, for
 * {@code --dry-run}. Each line names the API action and its important parameters.
 */
final class DryRunPlan {
    private final DeployContext ctx;
    private final List<String> calls = new ArrayList<>();

    DryRunPlan(DeployContext ctx) {
        this.ctx = ctx;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    void call(String action, String parameters) {
        calls.add(action + " " + parameters);
    }

    /** The clean-up calls for what an earlier run left (found by the canary marks). */
    void cleanup(Service service, ServiceLayout layout) {
        cleanup(new LeftoverFinder(ctx).find(service, layout));
    }

    void cleanup(CanaryState state) {
        if (state.weightedRule()) {
            call("elasticloadbalancing:ModifyRule", "RuleArn=" + ctx.config().canaryListenerRuleArn()
                    + " weight " + ctx.config().canaryTargetGroupArn() + "=0");
        }
        for (Map.Entry<String, List<Target>> group : state.targets().entrySet()) {
            call("elasticloadbalancing:DeregisterTargets", "TargetGroupArn=" + group.getKey()
                    + " Targets=" + group.getValue() + " (then wait for draining)");
        }
        for (String task : state.taskArns()) {
            call("ecs:StopTask", "cluster=" + ctx.cluster() + " task=" + task);
        }
        for (String revision : state.taskDefinitionsToDeregister()) {
            call("ecs:DeregisterTaskDefinition", "taskDefinition=" + Arns.taskDefinitionName(revision));
        }
    }

    void canary(Service service, ServiceLayout layout, String family, List<RunTaskRequest> runs) {
        cleanup(service, layout);
        call("ecs:RegisterTaskDefinition", "family=" + family + " tags version=" + ctx.config().version()
                + " image=" + ctx.config().image());
        for (RunTaskRequest run : runs) {
            call("ecs:RunTask", "cluster=" + run.cluster() + " taskDefinition=" + family + ":<new> count="
                    + run.count() + " startedBy=" + run.startedBy() + " subnets="
                    + run.networkConfiguration().awsvpcConfiguration().subnets() + " securityGroups="
                    + run.networkConfiguration().awsvpcConfiguration().securityGroups());
        }
        for (String group : layout.canaryTargetGroups()) {
            call("elasticloadbalancing:RegisterTargets", "TargetGroupArn=" + group
                    + " Targets=<canary task IPs>:" + layout.containerPort() + " (then wait for healthy)");
        }
        if (ctx.config().canaryListenerRuleArn() != null) {
            call("elasticloadbalancing:ModifyRule", "RuleArn=" + ctx.config().canaryListenerRuleArn() + " weight "
                    + ctx.config().canaryTargetGroupArn() + "=" + ctx.config().canaryWeightPercent());
        }
        call("(bake)", ctx.config().bake().toSeconds() + " s, then judge with " + ctx.config().metricsSource());
        call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + service.serviceName()
                + " taskDefinition=" + family + ":<new> (only if the judge passes; then wait for COMPLETED)");
        call("(clean-up)", "canary targets deregistered and drained, canary tasks stopped");
    }
}
