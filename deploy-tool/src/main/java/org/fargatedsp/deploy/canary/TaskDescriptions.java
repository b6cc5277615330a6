package org.fargatedsp.deploy.canary;

import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import org.fargatedsp.deploy.aws.Arns;

/** Reads what the tool reports about a task: its IP, and why it stopped. */
public final class TaskDescriptions {
    private TaskDescriptions() {
    }

    /**
     * The task's private IPv4 address from its ENI attachment (awsvpc tasks,
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html), or null before
     * the ENI is attached.
     */
    public static String privateIp(Task task) {
        for (Attachment attachment : task.attachments()) {
            if (!"ElasticNetworkInterface".equals(attachment.type())) {
                continue;
            }
            for (KeyValuePair detail : attachment.details()) {
                if ("privateIPv4Address".equals(detail.name())) {
                    return detail.value();
                }
            }
        }
        for (Container container : task.containers()) {
            if (!container.networkInterfaces().isEmpty()
                    && container.networkInterfaces().get(0).privateIpv4Address() != null) {
                return container.networkInterfaces().get(0).privateIpv4Address();
            }
        }
        return null;
    }

    /** "task abc stopped (TaskFailedToStart): CannotPullContainerError ...; bidder exit 137 (OOM)". */
    public static String stopped(Task task) {
        String containers = task.containers().stream()
                .filter(c -> c.exitCode() != null || c.reason() != null)
                .map(c -> c.name() + " exit code " + (c.exitCode() == null ? "none" : c.exitCode())
                        + (c.reason() == null ? "" : " (" + c.reason() + ")"))
                .collect(Collectors.joining(", "));
        return "task " + Arns.taskId(task.taskArn()) + " stopped"
                + (task.stopCodeAsString() == null ? "" : " (" + task.stopCodeAsString() + ")")
                + ": " + (task.stoppedReason() == null ? "no reason given" : task.stoppedReason())
                + (containers.isEmpty() ? "" : "; " + containers);
    }
}
