package org.fargatedsp.deploy.canary;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.judge.MetricsSource;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The second half of a held canary, after a manual gate: {@code promote} rolls the service out to the canary's
 * revision and removes the canary; {@code abort} removes it and leaves the service as it is. Both find the canary
 * by its marks, so they work from any machine.
 */
public final class GateFlow {
    private final DeployContext ctx;

    public GateFlow(DeployContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A canary held for the gate, as promote finds it by its marks.
     *
     * @param leftovers everything of the canary to remove once the service runs its revision
     * @param revision the one revision the running canary tasks share
     * @param runningTaskArns the canary tasks that run it
     */
    public record HeldCanary(CanaryState leftovers, String revision, List<String> runningTaskArns) {
    }

    public DeploySummary promote(MetricsSource metrics) {
        CanaryState state = new CanaryState();
        DeploySummary[] summary = {DeploySummary.of("promote", ctx)};
        return Outcomes.guarded(ctx, state, summary, () -> {
            Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            ServiceLayout layout = ServiceLayout.of(service, ctx.config());
            HeldCanary held = held(service, layout);
            copy(held.leftovers(), state);
            summary[0] = summary[0].taskDefinitions(held.revision(), layout.taskDefinitionArn())
                    .canaryTasks(held.runningTaskArns());
            ctx.progress().step("promoting " + Arns.taskDefinitionName(held.revision()) + ", run by canary tasks "
                    + held.runningTaskArns().stream().map(Arns::taskId).toList());
            return new CanaryFlow(ctx, metrics).promote(held.revision(), state, summary[0]);
        });
    }

    /** The held canary promote would ship; throws {@link DeployError} when none runs or they disagree. */
    public HeldCanary held(Service service, ServiceLayout layout) {
        CanaryState found = new LeftoverFinder(ctx).find(service, layout);
        List<Task> live = new LeftoverFinder(ctx).canaryTasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).toList();
        Set<String> revisions = live.stream().map(Task::taskDefinitionArn).collect(Collectors.toSet());
        if (live.isEmpty()) {
            throw new DeployError("no running canary of service " + ctx.config().service()
                    + " to promote (run canary --hold first)");
        }
        if (revisions.size() != 1) {
            throw new DeployError("running canaries disagree on the revision: " + revisions.stream()
                    .map(Arns::taskDefinitionName).toList() + "; abort and start again");
        }
        return new HeldCanary(found, revisions.iterator().next(), live.stream().map(Task::taskArn).toList());
    }

    public DeploySummary abort() {
        CanaryState state = new CanaryState();
        DeploySummary[] summary = {DeploySummary.of("abort", ctx)};
        return Outcomes.guarded(ctx, state, summary, () -> {
            Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            ServiceLayout layout = ServiceLayout.of(service, ctx.config());
            copy(new LeftoverFinder(ctx).find(service, layout), state);
            if (state.isEmpty()) {
                ctx.progress().step("no canary of service " + ctx.config().service() + " found: nothing to abort");
                return summary[0].outcome("clean", ExitCodes.OK, "no canary found");
            }
            summary[0] = summary[0].canaryTasks(state.taskArns());
            CanaryCleanup.Report report = new CanaryCleanup(ctx).clean(state);
            if (!report.clean()) {
                report.leftovers().forEach(l -> ctx.progress().step("LEFT BEHIND: " + l));
                return summary[0].leftovers(report.leftovers()).outcome("error", ExitCodes.ERROR,
                        "abort left " + report.leftovers().size() + " thing(s) behind");
            }
            return summary[0].outcome("aborted", ExitCodes.OK, "canary removed; the service is unchanged");
        });
    }

    private static void copy(CanaryState from, CanaryState to) {
        to.tasksStarted(from.taskArns());
        from.targets().forEach(to::targetsRegistered);
        from.taskDefinitionsToDeregister().forEach(to::taskDefinitionRegistered);
        if (from.weightedRule()) {
            to.ruleWeighted();
        }
    }
}
