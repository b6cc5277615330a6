package org.fargatedsp.deploy.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fargatedsp.deploy.aws.Arns;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Task;

/** Lets the canary take traffic for the bake time while watching its tasks: a stop or an UNHEALTHY ends it early. */
public final class Bake {
    private final DeployContext ctx;

    public Bake(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** Bakes and returns how many canary tasks stopped (restarts); throws CanaryRejected past the allowance. */
    public int run(List<String> taskArns, Duration bake) {
        Instant end = ctx.waiter().clock().instant().plus(bake);
        Set<String> stopped = new HashSet<>();
        int allowed = ctx.config().thresholds().maxTaskRestarts();
        while (true) {
            Duration left = Duration.between(ctx.waiter().clock().instant(), end);
            if (left.isNegative() || left.isZero()) {
                return stopped.size();
            }
            Duration pause = ctx.waiter().interval();
            ctx.waiter().sleep(left.compareTo(pause) < 0 ? left : pause);
            List<Task> tasks;
            try {
                tasks = ctx.ecs().describeTasks(ctx.cluster(), taskArns).found();
            } catch (SdkException e) {
                // A missed look during the bake loses nothing: the next one sees the same stops.
                ctx.waiter().checkInterrupt();
                continue;
            }
            for (Task task : tasks) {
                if ("STOPPED".equals(task.lastStatus()) && stopped.add(task.taskArn())) {
                    ctx.progress().step("during the bake, " + TaskDescriptions.stopped(task));
                    if (stopped.size() > allowed) {
                        throw new CanaryRejected(stopped.size() + " canary task(s) stopped during the bake (at most "
                                + allowed + " allowed); last: " + TaskDescriptions.stopped(task));
                    }
                } else if ("UNHEALTHY".equals(task.healthStatusAsString())) {
                    throw new CanaryRejected("canary task " + Arns.taskId(task.taskArn())
                            + " turned UNHEALTHY during the bake: its container health check fails");
                }
            }
        }
    }
}
