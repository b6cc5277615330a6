package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.GateFlow;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promote}: the second half of a held canary that passed the gate: update the service, remove the canary. */
@Command(name = "promote", sortOptions = false,
        description = {"Update the service to the revision the held canary runs, wait for COMPLETED, verify the"
                + " PRIMARY deployment, then remove the canary. Finds the canary by its marks.",
                "Exit codes: 0 deployed, 2 error (what was left is printed), 3 bad usage."})
final class PromoteCommand extends DeployCommand {
    @Option(names = "--dry-run", description = "Print the calls that would be made; change nothing.")
    boolean dryRun;

    PromoteCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("CLUSTER", "SERVICE", "REGION");
        try (AwsClients clients = clients(config)) {
            DeployContext ctx = context(config, clients);
            if (dryRun) {
                return plan(DryRunPlan.promote(ctx));
            }
            return report(new GateFlow(ctx).promote(metrics(config, clients, ctx)), ctx);
        }
    }
}
