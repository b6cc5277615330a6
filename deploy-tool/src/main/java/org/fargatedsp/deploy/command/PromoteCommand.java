package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.aws.AwsFailure;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.DeployError;
import org.fargatedsp.deploy.canary.GateFlow;
import org.fargatedsp.deploy.canary.LeftoverFinder;
import org.fargatedsp.deploy.canary.ServiceLayout;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

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
                return dryRun(ctx);
            }
            return report(new GateFlow(ctx).promote(metrics(config, clients, ctx)), ctx);
        }
    }

    private int dryRun(DeployContext ctx) {
        DryRunPlan plan = new DryRunPlan(ctx);
        try {
            Service service = ctx.ecs().describeService(ctx.cluster(), ctx.config().service());
            for (Task task : new LeftoverFinder(ctx).canaryTasks()) {
                if ("RUNNING".equals(task.lastStatus())) {
                    plan.call("ecs:UpdateService", "cluster=" + ctx.cluster() + " service=" + service.serviceName()
                            + " taskDefinition=" + Arns.taskDefinitionName(task.taskDefinitionArn())
                            + " (then wait for COMPLETED)");
                    break;
                }
            }
            plan.cleanup(service, ServiceLayout.of(service, ctx.config()));
        } catch (AwsFailure | DeployError | SdkException e) {
            env.err().println("error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        return DryRuns.print(env, options.json, "promote", plan);
    }
}
