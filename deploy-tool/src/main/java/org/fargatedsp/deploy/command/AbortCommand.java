package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.GateFlow;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abort}: remove every trace of a canary (held, or left by a crashed run); the service is not touched. */
@Command(name = "abort", sortOptions = false,
        description = {"Remove the canary: listener rule weight, targets (after draining), tasks and its unshipped"
                + " revision. Finds the canary by its marks; the service is not touched.",
                "Exit codes: 0 removed (or nothing found), 2 error (what was left is printed), 3 bad usage."})
final class AbortCommand extends DeployCommand {
    @Option(names = "--dry-run", description = "Print the calls that would be made; change nothing.")
    boolean dryRun;

    AbortCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("CLUSTER", "SERVICE", "REGION");
        try (AwsClients clients = clients(config)) {
            DeployContext ctx = context(config, clients);
            if (dryRun) {
                return plan(DryRunPlan.abort(ctx));
            }
            return report(new GateFlow(ctx).abort(), ctx);
        }
    }
}
