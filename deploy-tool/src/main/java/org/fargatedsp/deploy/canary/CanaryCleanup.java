package org.fargatedsp.deploy.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.EcsOperations;
import org.fargatedsp.deploy.aws.Target;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Removes every trace of a canary: its listener rule weight, its targets (after draining), its tasks and the
 * revision it registered. Each step runs even when an earlier one failed; what could not be removed is reported.
 */
public final class CanaryCleanup {
    /** What clean-up could not remove, one readable line each; empty when everything is gone. */
    public record Report(List<String> leftovers) {
        public boolean clean() {
            return leftovers.isEmpty();
        }
    }

    static final String STOP_REASON = "fargate-dsp deploy-tool: canary clean-up";

    private final DeployContext ctx;

    public CanaryCleanup(DeployContext ctx) {
        this.ctx = ctx;
    }

    public Report clean(CanaryState state) {
        List<String> leftovers = new ArrayList<>();
        String rule = ctx.config().canaryListenerRuleArn();
        if (rule != null && state.weightedRule()) {
            attempt(leftovers, "listener rule " + rule + " may still send traffic to the canary group", () -> {
                ctx.elb().setForwardWeights(rule, Map.of(ctx.config().canaryTargetGroupArn(), 0));
                ctx.progress().step("canary traffic weight set to 0 on " + rule);
            });
        }
        Map<String, List<Target>> targets = state.targets();
        CanaryTargets canaryTargets = new CanaryTargets(ctx);
        if (!targets.isEmpty()) {
            boolean deregistered = attempt(leftovers, "canary targets still registered: " + targets, () -> {
                canaryTargets.deregister(targets);
                ctx.progress().step("deregistered canary targets " + targets.values());
            });
            if (deregistered) {
                attempt(leftovers, "canary targets may still be draining: " + targets, () -> {
                    canaryTargets.awaitDrained(targets);
                    ctx.progress().step("canary targets drained");
                });
            }
        }
        List<String> tasks = state.taskArns();
        if (!tasks.isEmpty()) {
            stopTasks(tasks, leftovers);
        }
        for (String arn : state.taskDefinitionsToDeregister()) {
            attempt(leftovers, "task definition " + Arns.taskDefinitionName(arn) + " is still ACTIVE", () -> {
                ctx.ecs().deregisterTaskDefinition(arn);
                ctx.progress().step("deregistered task definition " + Arns.taskDefinitionName(arn));
            });
        }
        return new Report(List.copyOf(leftovers));
    }

    private void stopTasks(List<String> tasks, List<String> leftovers) {
        for (String arn : tasks) {
            attempt(leftovers, "canary task " + arn + " may still run", () ->
                    ctx.ecs().stopTask(ctx.cluster(), arn, STOP_REASON));
        }
        ctx.progress().step("stopping canary tasks " + tasks.stream().map(Arns::taskId).toList());
        attempt(leftovers, "canary tasks not yet STOPPED: " + tasks, () -> {
            ctx.waiter().until("canary tasks to stop", ctx.config().timeouts().taskStop(), () -> {
                EcsOperations.TaskLookup lookup = ctx.ecs().describeTasks(ctx.cluster(), tasks);
                List<String> running = lookup.found().stream()
                        .filter(t -> !"STOPPED".equals(t.lastStatus()))
                        .map(Task::taskArn).toList();
                // A task not yet visible (just started) is not known to be stopped.
                return running.isEmpty() && lookup.missing().isEmpty() ? Waiter.Poll.done(Boolean.TRUE)
                        : Waiter.Poll.pending(running.size() + " still stopping, " + lookup.missing().size()
                        + " not yet visible");
            });
            ctx.progress().step("canary tasks stopped");
        });
    }

    /** Runs one step; on failure records the leftover with the reason and carries on. */
    private boolean attempt(List<String> leftovers, String leftover, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            leftovers.add(leftover + " (" + describe(e) + ")");
            ctx.progress().step("clean-up step failed: " + leftover + " (" + describe(e) + ")");
            return false;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
