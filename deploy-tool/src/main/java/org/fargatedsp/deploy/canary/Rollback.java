package org.fargatedsp.deploy.canary;

import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import software.amazon.awssdk.services.ecs.model.Service;

/** Puts the service back on an earlier revision and waits until that deployment has completed. */
public final class Rollback {
    private final DeployContext ctx;

    public Rollback(DeployContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The revision to roll back to: {@code to} (a revision number, family:revision or an ARN), or else the newest
     * ACTIVE revision of the family older than the one the service runs. Failed canaries deregister their
     * revisions, so that is the last one that was deployed or registered by hand.
     */
    public String target(Service service, String to) {
        String current = service.taskDefinition();
        String family = Arns.taskDefinitionFamily(current);
        if (to != null) {
            String name = to.matches("\\d+") ? family + ":" + to : to;
            return ctx.ecs().describeTaskDefinition(name).taskDefinition().taskDefinitionArn();
        }
        int currentRevision = Arns.taskDefinitionRevision(current);
        return ctx.ecs().listActiveRevisions(family).stream()
                .filter(arn -> Arns.taskDefinitionRevision(arn) < currentRevision)
                .findFirst()
                .orElseThrow(() -> new DeployError("family " + family + " has no ACTIVE revision older than "
                        + Arns.taskDefinitionName(current) + "; name one with --to"));
    }

    public DeploySummary run(String to) {
        DeploySummary summary = DeploySummary.of("rollback", ctx);
        try {
            Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            String target = target(service, to);
            summary = summary.taskDefinitions(target, service.taskDefinition());
            ctx.progress().step("rolling service " + service.serviceName() + " back from "
                    + Arns.taskDefinitionName(service.taskDefinition()) + " to " + Arns.taskDefinitionName(target));
            new ServiceRollout(ctx).rollOut(target);
            return summary.outcome("rolled-back", ExitCodes.OK, "service runs " + Arns.taskDefinitionName(target));
        } catch (DeployInterrupted e) {
            Thread.interrupted();
            return summary.outcome("error", ExitCodes.ERROR, "interrupted; the service deployment goes on in ECS");
        } catch (RuntimeException e) {
            Thread.interrupted();
            ctx.progress().step("error: " + e.getMessage());
            return summary.outcome("error", ExitCodes.ERROR, e.getMessage());
        }
    }
}
