package org.fargatedsp.deploy.canary;

import org.fargatedsp.deploy.aws.EcsOperations;
import org.fargatedsp.deploy.aws.LoadBalancerOperations;
import org.fargatedsp.deploy.config.Config;

/** What every step of a deploy needs: configuration, the AWS operations, waiting and progress reporting. */
public record DeployContext(Config config, EcsOperations ecs, LoadBalancerOperations elb, Waiter waiter,
                            Progress progress) {

    public CanaryMarks marks() {
        return new CanaryMarks(config.cluster(), config.service());
    }

    public String cluster() {
        return config.cluster();
    }
}
