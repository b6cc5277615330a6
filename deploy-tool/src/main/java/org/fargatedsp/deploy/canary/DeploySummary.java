package org.fargatedsp.deploy.canary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.fargatedsp.deploy.judge.Verdict;

/**
 * The machine-readable account of a run that {@code --json} writes to stdout for Jenkins.
 *
 * @param result deployed, rejected, error, held, aborted, promoted, rolled-back, clean or dry-run
 * @param leftovers what clean-up could not remove; empty when nothing is left
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploySummary(String command, String result, int exitCode, String cluster, String service,
                            String version, String taskDefinition, String previousTaskDefinition,
                            List<String> canaryTasks, Verdict verdict, List<String> leftovers, String message,
                            List<Progress.Step> steps) {

    /** A builder-like start: everything but the outcome. */
    public static DeploySummary of(String command, DeployContext ctx) {
        return new DeploySummary(command, null, 0, ctx.cluster(), ctx.config().service(), ctx.config().version(),
                null, null, List.of(), null, List.of(), null, List.of());
    }

    public DeploySummary outcome(String newResult, int newExitCode, String newMessage) {
        return new DeploySummary(command, newResult, newExitCode, cluster, service, version, taskDefinition,
                previousTaskDefinition, canaryTasks, verdict, leftovers, newMessage, steps);
    }

    public DeploySummary taskDefinitions(String next, String previous) {
        return new DeploySummary(command, result, exitCode, cluster, service, version, next, previous,
                canaryTasks, verdict, leftovers, message, steps);
    }

    public DeploySummary canaryTasks(List<String> tasks) {
        return new DeploySummary(command, result, exitCode, cluster, service, version, taskDefinition,
                previousTaskDefinition, List.copyOf(tasks), verdict, leftovers, message, steps);
    }

    public DeploySummary verdict(Verdict newVerdict) {
        return new DeploySummary(command, result, exitCode, cluster, service, version, taskDefinition,
                previousTaskDefinition, canaryTasks, newVerdict, leftovers, message, steps);
    }

    public DeploySummary leftovers(List<String> newLeftovers) {
        return new DeploySummary(command, result, exitCode, cluster, service, version, taskDefinition,
                previousTaskDefinition, canaryTasks, verdict, List.copyOf(newLeftovers), message, steps);
    }

    public DeploySummary steps(List<Progress.Step> newSteps) {
        return new DeploySummary(command, result, exitCode, cluster, service, version, taskDefinition,
                previousTaskDefinition, canaryTasks, verdict, leftovers, message, List.copyOf(newSteps));
    }
}
