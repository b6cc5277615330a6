package org.fargatedsp.deploy.canary;

import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.deploy.config.Config;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What a canary copies from the service (network, capacity, where its container listens) and where its targets
 * go, with configuration taking precedence over what the service says.
 *
 * @param serviceTargetGroups the service's own target groups: the baseline
 * @param canaryTargetGroups where canary targets are registered: the dedicated group, or the service's own
 */
public record ServiceLayout(String taskDefinitionArn, NetworkConfiguration network,
                           List<CapacityProviderStrategyItem> capacityProviders, String platformVersion,
                           String containerName, int containerPort, List<String> serviceTargetGroups,
                           List<String> canaryTargetGroups) {

    private static final int DEFAULT_PORT = 8080;

    public static ServiceLayout of(Service service, Config config) {
        AwsVpcConfiguration current = service.networkConfiguration() == null
                ? null : service.networkConfiguration().awsvpcConfiguration();
        List<String> subnets = !config.subnets().isEmpty() ? config.subnets()
                : current == null ? List.of() : current.subnets();
        List<String> securityGroups = !config.securityGroups().isEmpty() ? config.securityGroups()
                : current == null ? List.of() : current.securityGroups();
        String publicIp = config.assignPublicIp() != null ? config.assignPublicIp()
                : current == null || current.assignPublicIp() == null ? "DISABLED" : current.assignPublicIpAsString();
        if (subnets.isEmpty()) {
            throw new DeployError("service " + service.serviceName() + " has no awsvpc subnets and SUBNETS is not set");
        }
        NetworkConfiguration network = NetworkConfiguration.builder().awsvpcConfiguration(a -> a
                .subnets(subnets).securityGroups(securityGroups).assignPublicIp(publicIp)).build();

        List<String> serviceGroups = new ArrayList<>(config.targetGroupArns());
        String container = config.containerName();
        Integer port = config.containerPort();
        for (LoadBalancer lb : service.loadBalancers()) {
            if (config.targetGroupArns().isEmpty() && lb.targetGroupArn() != null) {
                serviceGroups.add(lb.targetGroupArn());
            }
            container = container == null ? lb.containerName() : container;
            port = port == null ? lb.containerPort() : port;
        }
        if (serviceGroups.isEmpty()) {
            throw new DeployError("service " + service.serviceName()
                    + " has no target group and TARGET_GROUP_ARNS is not set: a canary needs traffic");
        }
        List<String> canaryGroups = config.dedicatedCanaryTargetGroup()
                ? List.of(config.canaryTargetGroupArn()) : List.copyOf(serviceGroups);
        return new ServiceLayout(service.taskDefinition(), network, service.capacityProviderStrategy(),
                service.platformVersion(), container == null ? "bidder" : container,
                port == null ? DEFAULT_PORT : port, List.copyOf(serviceGroups), canaryGroups);
    }
}
