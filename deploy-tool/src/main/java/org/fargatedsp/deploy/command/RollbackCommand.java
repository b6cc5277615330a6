package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.aws.AwsFailure;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.DeployError;
import org.fargatedsp.deploy.canary.Rollback;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Service;

/** {@code rollback}: the service back to the previous (or a named) revision, waiting for that deployment. */
@Command(name = "rollback", sortOptions = false,
        description = {"Update the service to the previous ACTIVE revision of its family (or --to), wait until that"
                + " deployment is COMPLETED and verify the PRIMARY deployment runs it.",
                "Exit codes: 0 rolled back, 2 error, 3 bad usage."})
final class RollbackCommand extends DeployCommand {
    @Option(names = "--to", paramLabel = "REVISION",
            description = "The revision: a number, family:revision, or a task definition ARN.")
    String to;

    @Option(names = "--dry-run", description = "Print the calls that would be made; change nothing.")
    boolean dryRun;

    RollbackCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("CLUSTER", "SERVICE", "REGION");
        try (AwsClients clients = clients(config)) {
            DeployContext ctx = context(config, clients);
            if (!dryRun) {
                return report(new Rollback(ctx).run(to), ctx);
            }
            DryRunPlan plan = new DryRunPlan(ctx);
            try {
                Service service = ctx.ecs().describeService(ctx.cluster(), config.service());
                String target = new Rollback(ctx).target(service, to);
                plan.call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + config.service()
                        + " taskDefinition=" + Arns.taskDefinitionName(target) + " (from "
                        + Arns.taskDefinitionName(service.taskDefinition()) + "; then wait for COMPLETED)");
            } catch (AwsFailure | DeployError | SdkException e) {
                env.err().println("error: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            return DryRuns.print(env, options.json, "rollback", plan);
        }
    }
}
