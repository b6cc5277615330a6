package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.Rollback;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            if (dryRun) {
                return plan(DryRunPlan.rollback(ctx, to));
            }
            return report(new Rollback(ctx).run(to), ctx);
        }
    }
}
