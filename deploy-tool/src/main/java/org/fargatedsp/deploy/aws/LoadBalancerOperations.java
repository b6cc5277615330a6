package org.fargatedsp.deploy.aws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** The Elastic Load Balancing v2 calls the deploy tool makes, with batching already handled. */
public interface LoadBalancerOperations {

    TargetGroup describeTargetGroup(String targetGroupArn);

    /** Health of the given targets; one that is not registered comes back {@code unused}. */
    List<TargetHealthDescription> describeTargetHealth(String targetGroupArn, Collection<Target> targets);

    /** Health of every target registered in the group. */
    List<TargetHealthDescription> describeTargetHealth(String targetGroupArn);

    void registerTargets(String targetGroupArn, Collection<Target> targets);

    void deregisterTargets(String targetGroupArn, Collection<Target> targets);

    Rule describeRule(String ruleArn);

    /** Sets the weights of the rule's forward action; groups not named keep their weight. */
    void setForwardWeights(String ruleArn, Map<String, Integer> weights);
}
