package org.fargatedsp.deploy.command;

import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.config.Config;
import org.fargatedsp.deploy.taskdef.SdkJson;
import org.fargatedsp.deploy.taskdef.TaskDefinitionDiff;
import org.fargatedsp.deploy.taskdef.TemplateRenderer;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** {@code render}: prints the task definition that would be registered; reads nothing from AWS. */
@Command(name = "render", sortOptions = false,
        description = "Print the task definition that would be registered: the template with IMAGE, VERSION, ENV"
                + " and the other keys filled in.")
final class RenderCommand extends DeployCommand {

    RenderCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("TEMPLATE", "IMAGE", "VERSION");
        RegisterTaskDefinitionRequest rendered = render(config);
        env.out().println(String.join("\n", TaskDefinitionDiff.lines(SdkJson.toJson(rendered))));
        env.out().flush();
        return ExitCodes.OK;
    }

    static RegisterTaskDefinitionRequest render(Config config) {
        return TemplateRenderer.render(config.template(), config.variables(), config.version());
    }
}
