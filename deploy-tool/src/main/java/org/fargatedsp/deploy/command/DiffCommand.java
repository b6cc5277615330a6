package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.aws.EcsOperations.DescribedTaskDefinition;
import org.fargatedsp.deploy.aws.SdkEcsOperations;
import org.fargatedsp.deploy.config.Config;
import org.fargatedsp.deploy.taskdef.TaskDefinitionDiff;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/** {@code diff}: the rendered task definition against the one the service runs, as a unified diff. */
@Command(name = "diff", sortOptions = false,
        description = "Show how the rendered task definition differs from the service's current one (unified diff).")
final class DiffCommand extends DeployCommand {

    DiffCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("TEMPLATE", "IMAGE", "VERSION", "CLUSTER", "SERVICE", "REGION");
        RegisterTaskDefinitionRequest rendered = RenderCommand.render(config);
        try (AwsClients clients = clients(config)) {
            SdkEcsOperations ecs = new SdkEcsOperations(clients.ecs());
            Service service = ecs.describeService(config.cluster(), config.service());
            DescribedTaskDefinition current = ecs.describeTaskDefinition(service.taskDefinition());
            String diff = TaskDefinitionDiff.diff(Arns.taskDefinitionName(service.taskDefinition()),
                    current.taskDefinition(), current.tags(), rendered);
            env.out().print(diff.isEmpty() ? "no differences from " + Arns.taskDefinitionName(
                    service.taskDefinition()) + "\n" : diff);
            env.out().flush();
            return ExitCodes.OK;
        }
    }
}
