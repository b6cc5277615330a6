package org.fargatedsp.deploy.canary;

import java.util.Optional;
import org.fargatedsp.deploy.aws.Arns;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Points the service at a revision and waits for the deployment to finish, then checks that the PRIMARY
 * deployment really runs that revision: a circuit breaker that rolled the service back is a failure, never a
 * success (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html).
 */
public final class ServiceRollout {
    private final DeployContext ctx;

    public ServiceRollout(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** Updates the service and returns once the new revision is PRIMARY and COMPLETED; throws DeployError otherwise. */
    public Deployment rollOut(String taskDefinitionArn) {
        String name = Arns.taskDefinitionName(taskDefinitionArn);
        Service updated = ctx.ecs().updateService(ctx.cluster(), ctx.config().service(), taskDefinitionArn);
        Deployment started = primary(updated)
                .filter(d -> taskDefinitionArn.equals(d.taskDefinition()))
                .orElseThrow(() -> new DeployError("UpdateService did not start a deployment of " + name));
        ctx.progress().step("UpdateService started deployment " + started.id() + " of " + name);
        Service settled = ctx.waiter().until("deployment " + started.id() + " of " + name + " to complete",
                ctx.config().timeouts().deployment(), () -> {
                    Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
                    Optional<Deployment> ours = service.deployments().stream()
                            .filter(d -> started.id().equals(d.id())).findFirst();
                    if (ours.isEmpty() || settled(ours.get(), service)) {
                        return Waiter.Poll.done(service);
                    }
                    Deployment d = ours.get();
                    return Waiter.Poll.pending(d.rolloutStateAsString() + ", " + d.runningCount() + "/"
                            + d.desiredCount() + " running" + (d.failedTasks() != null && d.failedTasks() > 0
                            ? ", " + d.failedTasks() + " failed tasks" : "")
                            + (d.rolloutStateReason() == null ? "" : " (" + d.rolloutStateReason() + ")"));
                });
        Deployment ours = settled.deployments().stream().filter(d -> started.id().equals(d.id())).findFirst()
                .orElse(null);
        Deployment primary = primary(settled).orElse(null);
        if (primary == null || !taskDefinitionArn.equals(primary.taskDefinition())
                || (ours != null && ours.rolloutState() == DeploymentRolloutState.FAILED)
                || (primary.rolloutState() != null && primary.rolloutState() != DeploymentRolloutState.COMPLETED)) {
            throw new DeployError("deployment " + started.id() + " of " + name + " did not complete: "
                    + (ours == null ? "it is gone" : ours.rolloutStateAsString()
                    + (ours.rolloutStateReason() == null ? "" : " (" + ours.rolloutStateReason() + ")"))
                    + "; the PRIMARY deployment runs " + (primary == null ? "nothing"
                    : Arns.taskDefinitionName(primary.taskDefinition()) + " (" + primary.rolloutStateAsString() + ")")
                    + (primary != null && !taskDefinitionArn.equals(primary.taskDefinition())
                    ? ", so the deployment circuit breaker rolled the service back" : ""));
        }
        ctx.progress().step("deployment " + started.id() + " COMPLETED: PRIMARY runs " + name + ", "
                + primary.runningCount() + "/" + primary.desiredCount() + " tasks");
        return primary;
    }

    /** Done: COMPLETED or FAILED; without a rollout state (older services), steady when it is alone and full. */
    private static boolean settled(Deployment d, Service service) {
        if (d.rolloutState() != null) {
            return d.rolloutState() == DeploymentRolloutState.COMPLETED
                    || d.rolloutState() == DeploymentRolloutState.FAILED;
        }
        return service.deployments().size() == 1 && d.runningCount() != null
                && d.runningCount().equals(d.desiredCount());
    }

    static Optional<Deployment> primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }
}
