package org.fargatedsp.deploy.canary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.judge.MetricsSource;
import org.fargatedsp.deploy.judge.Verdict;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The canary deploy: clean up what an earlier run left, register the revision, run canaries behind the load
 * balancer, bake, judge, then promote (update the service, verify the PRIMARY deployment, remove the canary) or
 * remove the canary and leave the service exactly as it was.
 */
public final class CanaryFlow {
    private final DeployContext ctx;
    private final MetricsSource metrics;

    public CanaryFlow(DeployContext ctx, MetricsSource metrics) {
        this.ctx = ctx;
        this.metrics = metrics;
    }

    /**
     * Runs the whole flow.
     *
     * @param hold stop after a passing judgement and leave the canary running for {@code promote} or {@code abort}
     */
    public DeploySummary run(RegisterTaskDefinitionRequest rendered, boolean hold) {
        CanaryState state = new CanaryState();
        DeploySummary[] summary = {DeploySummary.of("canary", ctx)};
        return Outcomes.guarded(ctx, state, summary, () -> {
            Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            ServiceLayout layout = ServiceLayout.of(service, ctx.config());
            ctx.progress().step("service " + service.serviceName() + " runs "
                    + Arns.taskDefinitionName(layout.taskDefinitionArn()) + " (" + service.runningCount() + "/"
                    + service.desiredCount() + " tasks); canaries go to " + layout.canaryTargetGroups());
            removeLeftovers(service, layout);

            TaskDefinition definition = ctx.ecs().registerTaskDefinition(rendered);
            state.taskDefinitionRegistered(definition.taskDefinitionArn());
            summary[0] = summary[0].taskDefinitions(definition.taskDefinitionArn(), layout.taskDefinitionArn());
            ctx.progress().step("registered task definition " + Arns.taskDefinitionName(definition.taskDefinitionArn()));

            CanaryTasks tasks = new CanaryTasks(ctx);
            List<String> arns = tasks.run(tasks.requests(definition.taskDefinitionArn(), layout,
                    ctx.config().canaryCount(), ctx.config().version()), state);
            summary[0] = summary[0].canaryTasks(arns);
            ctx.progress().step("started " + arns.size() + " canary task(s) " + arns.stream().map(Arns::taskId).toList());
            List<Task> running = tasks.awaitStarted(arns, definition);
            ctx.progress().step("canary tasks running" + (running.isEmpty() ? "" : " at "
                    + running.stream().map(TaskDescriptions::privateIp).toList()));

            CanaryTargets targets = new CanaryTargets(ctx);
            targets.register(layout, CanaryTargets.targetsOf(running, layout), state);
            ctx.progress().step("registered canary targets in " + layout.canaryTargetGroups());
            targets.awaitHealthy(state.targets());
            ctx.progress().step("canary targets healthy");
            String rule = ctx.config().canaryListenerRuleArn();
            if (rule != null) {
                Map<String, Integer> weights = targets.canaryWeights(rule, ctx.config().canaryTargetGroupArn(),
                        ctx.config().canaryWeightPercent());
                state.ruleWeighted();
                ctx.elb().setForwardWeights(rule, weights);
                ctx.progress().step("listener rule now sends " + ctx.config().canaryWeightPercent()
                        + "% of its traffic to the canary group");
            }

            Instant bakeStart = ctx.waiter().clock().instant();
            ctx.progress().step("baking for " + ctx.config().bake().toSeconds() + " s");
            int restarts = new Bake(ctx).run(arns, ctx.config().bake());
            Instant bakeEnd = ctx.waiter().clock().instant();
            ctx.waiter().sleep(ctx.config().timeouts().metricsLag());
            Verdict verdict = new CanaryJudgement(ctx, metrics).judge(layout, definition.taskDefinitionArn(), arns,
                    bakeStart, bakeEnd, restarts);
            summary[0] = summary[0].verdict(verdict);
            verdict.checks().forEach(c -> ctx.progress().step("judge: " + c.name() + " " + c.outcome() + " - "
                    + c.detail()));
            if (!verdict.passed()) {
                throw new CanaryRejected("the judge failed the canary: " + verdict.failures());
            }
            if (hold) {
                ctx.progress().step("canary passed and is held: run promote or abort");
                return summary[0].outcome("held", ExitCodes.OK, "canary passed; held for promote or abort");
            }
            return promote(definition.taskDefinitionArn(), state, summary[0]);
        });
    }

    /** Step 6: roll the service out to the revision, then take the canary away; the revision stays registered. */
    DeploySummary promote(String taskDefinitionArn, CanaryState state, DeploySummary summary) {
        // Once UpdateService is called the revision may belong to the service: keep it unless a failed rollout
        // left the PRIMARY deployment on another one (the circuit breaker rolled back), so that rollback never
        // picks a revision that failed.
        state.keepTaskDefinition(taskDefinitionArn);
        try {
            new ServiceRollout(ctx).rollOut(taskDefinitionArn);
        } catch (DeployError e) {
            Service after = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            if (ServiceRollout.primary(after).filter(d -> taskDefinitionArn.equals(d.taskDefinition())).isEmpty()) {
                state.keepTaskDefinition(null);
            }
            throw e;
        }
        CanaryCleanup.Report report = new CanaryCleanup(ctx).clean(state);
        report.leftovers().forEach(l -> ctx.progress().step("LEFT BEHIND (the deploy itself succeeded): " + l));
        return summary.leftovers(report.leftovers()).outcome("deployed", ExitCodes.OK,
                "service runs " + Arns.taskDefinitionName(taskDefinitionArn)
                        + (report.clean() ? "" : "; canary clean-up left " + report.leftovers().size() + " thing(s)"));
    }

    /** Removes the traces of an earlier run of this service's canary before starting a new one. */
    private void removeLeftovers(Service service, ServiceLayout layout) {
        CanaryState leftovers = new LeftoverFinder(ctx).find(service, layout);
        if (leftovers.isEmpty()) {
            return;
        }
        ctx.progress().step("found leftovers of an earlier canary: tasks " + leftovers.taskArns().stream()
                .map(Arns::taskId).toList() + ", targets " + leftovers.targets().values() + ", revisions "
                + leftovers.taskDefinitionsToDeregister().stream().map(Arns::taskDefinitionName).toList());
        CanaryCleanup.Report report = new CanaryCleanup(ctx).clean(leftovers);
        if (!report.clean()) {
            throw new DeployError("could not clean up an earlier canary: " + String.join("; ", report.leftovers()));
        }
    }
}
