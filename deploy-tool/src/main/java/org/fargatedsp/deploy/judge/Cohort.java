package org.fargatedsp.deploy.judge;

import java.util.List;

/**
 * One side of the comparison: the canary tasks, or the service's own tasks (the baseline).
 *
 * @param taskArns the cohort's tasks, when the cohort is exactly those tasks (the canary); empty for the baseline
 * @param targetGroupArn the target group that carries only this cohort's traffic, or null when it shares one
 * @param loadBalancerArn the load balancer in front of that group, or null
 */
public record Cohort(String name, String cluster, String taskFamily, int revision, String version,
                     List<String> taskArns, String targetGroupArn, String loadBalancerArn) {
}
