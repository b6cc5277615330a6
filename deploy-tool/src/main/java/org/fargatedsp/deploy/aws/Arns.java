package org.fargatedsp.deploy.aws;

/** Reads the parts of ARNs the tool needs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). */
public final class Arns {
    private Arns() {
    }

    /** The family of {@code arn:aws:ecs:region:account:task-definition/family:revision} or of {@code family:revision}. */
    public static String taskDefinitionFamily(String taskDefinition) {
        String name = taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The revision of a task definition ARN or {@code family:revision}; 0 when it names none. */
    public static int taskDefinitionRevision(String taskDefinition) {
        String name = taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
        int colon = name.lastIndexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(name.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code family:revision}, the short name people read in progress lines. */
    public static String taskDefinitionName(String taskDefinition) {
        return taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
    }

    /** The task id, the last path segment of a task ARN. */
    public static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /**
     * The CloudWatch dimension value of an ELB resource: the part of the ARN after the resource type's colon,
     * such as {@code targetgroup/name/id} or {@code app/name/id}
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
     */
    public static String elbDimension(String arn) {
        String resource = arn.split(":", 6)[5];
        return resource.startsWith("loadbalancer/") ? resource.substring("loadbalancer/".length()) : resource;
    }
}
