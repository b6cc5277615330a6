package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.canary.CanaryFlow;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** {@code canary}: the whole canary deploy, from registering the revision to updating the service or rolling back. */
@Command(name = "canary", sortOptions = false,
        description = {"Register the revision, run canary tasks behind the load balancer, bake, judge them against"
                + " the service's tasks, then update the service (verifying its PRIMARY deployment) or remove every"
                + " trace of the canary.",
                "Exit codes: 0 deployed (or held), 1 canary rejected and cleaned up, 2 error (what was left is"
                + " printed), 3 bad usage."})
final class CanaryCommand extends DeployCommand {
    @Option(names = "--hold", description = "Stop after a passing judgement and leave the canary running for"
            + " a manual gate; then run promote or abort.")
    boolean hold;

    @Option(names = "--dry-run", description = "Print the calls that would be made; change nothing.")
    boolean dryRun;

    CanaryCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("TEMPLATE", "IMAGE", "VERSION", "CLUSTER", "SERVICE", "REGION");
        RegisterTaskDefinitionRequest rendered = RenderCommand.render(config);
        try (AwsClients clients = clients(config)) {
            DeployContext ctx = context(config, clients);
            if (dryRun) {
                return plan(DryRunPlan.canary(ctx, rendered, hold));
            }
            return report(new CanaryFlow(ctx, metrics(config, clients, ctx)).run(rendered, hold), ctx);
        }
    }
}
