package org.fargatedsp.deploy.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.LeftoverFinder;
import org.fargatedsp.deploy.canary.ServiceLayout;
import org.fargatedsp.deploy.canary.TaskDescriptions;
import org.fargatedsp.deploy.config.Config;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** {@code status}: the service's deployments, the canary tasks found by their marks, and target health. */
@Command(name = "status", sortOptions = false,
        description = "Show the service's deployments, any canary tasks (found by their marks) and the health of"
                + " the targets in the service's and the canary's target groups. Changes nothing.")
final class StatusCommand extends DeployCommand {

    StatusCommand(ToolEnvironment env) {
        super(env);
    }

    @Override
    int run(Config config) {
        config.require("CLUSTER", "SERVICE", "REGION");
        try (AwsClients clients = clients(config)) {
            DeployContext ctx = context(config, clients);
            Service service = ctx.ecs().describeService(config.cluster(), config.service());
            ServiceLayout layout = ServiceLayout.of(service, config);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("service", service.serviceName());
            status.put("taskDefinition", Arns.taskDefinitionName(service.taskDefinition()));
            status.put("deployments", service.deployments().stream().map(StatusCommand::deployment).toList());
            status.put("canaryTasks", new LeftoverFinder(ctx).canaryTasks().stream().map(StatusCommand::task)
                    .toList());
            Set<String> groups = new LinkedHashSet<>(layout.serviceTargetGroups());
            groups.addAll(layout.canaryTargetGroups());
            Map<String, List<String>> health = new LinkedHashMap<>();
            for (String group : groups) {
                List<String> targets = new ArrayList<>();
                for (TargetHealthDescription d : ctx.elb().describeTargetHealth(group)) {
                    targets.add(d.target().id() + ":" + d.target().port() + " " + d.targetHealth().stateAsString()
                            + (d.targetHealth().reason() == null ? "" : " (" + d.targetHealth().reasonAsString() + ")"));
                }
                health.put(group, targets);
            }
            status.put("targetHealth", health);
            print(status);
            return ExitCodes.OK;
        }
    }

    private void print(Map<String, Object> status) {
        if (options.json) {
            printJson(env, status);
        } else {
            status.forEach((key, value) -> {
                if (value instanceof List<?> list) {
                    env.out().println(key + ":" + (list.isEmpty() ? " none" : ""));
                    list.forEach(item -> env.out().println("  " + item));
                } else if (value instanceof Map<?, ?> map) {
                    env.out().println(key + ":");
                    map.forEach((k, v) -> env.out().println("  " + k + ": " + v));
                } else {
                    env.out().println(key + ": " + value);
                }
            });
        }
        env.out().flush();
    }

    private static String deployment(Deployment d) {
        return d.status() + " " + d.id() + " " + Arns.taskDefinitionName(d.taskDefinition()) + " "
                + d.rolloutStateAsString() + " " + d.runningCount() + "/" + d.desiredCount() + " running"
                + (d.rolloutStateReason() == null ? "" : " (" + d.rolloutStateReason() + ")");
    }

    private static String task(Task t) {
        return Arns.taskId(t.taskArn()) + " " + t.lastStatus() + " " + t.healthStatusAsString() + " "
                + Arns.taskDefinitionName(t.taskDefinitionArn()) + " " + TaskDescriptions.privateIp(t)
                + ("STOPPED".equals(t.lastStatus()) ? " - " + TaskDescriptions.stopped(t) : "");
    }
}
