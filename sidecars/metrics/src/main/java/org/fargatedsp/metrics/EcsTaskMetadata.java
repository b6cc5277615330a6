package org.fargatedsp.metrics;

/**
 * Who this task is, from the ECS task metadata endpoint v4, or the local stand-in outside ECS.
 *
 * @param cluster the cluster's short name ({@code local} outside ECS)
 * @param taskArn the task ARN (the host name outside ECS)
 * @param taskId the last part of the task ARN, used in bid-log file names (the host name outside ECS)
 * @param family the task definition family
 * @param revision the task definition revision
 * @param availabilityZone the availability zone
 * @param launchType {@code FARGATE} or {@code EC2}
 * @param host the host name; only set outside ECS, where it is what tells instances apart
 */
public record EcsTaskMetadata(String cluster, String taskArn, String taskId, String family, String revision,
                              String availabilityZone, String launchType, String host) {
    static final String LOCAL = "local";

    /** The stand-in for a process not running in ECS. */
    public static EcsTaskMetadata local(String hostName) {
        return new EcsTaskMetadata(LOCAL, hostName, hostName, LOCAL, LOCAL, LOCAL, LOCAL, hostName);
    }

    /** Whether the values came from the ECS metadata endpoint. */
    public boolean inEcs() {
        return host == null;
    }
}
