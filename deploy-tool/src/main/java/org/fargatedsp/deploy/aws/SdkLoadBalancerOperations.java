package org.fargatedsp.deploy.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** {@link LoadBalancerOperations} over the SDK's ELBv2 client (the AWS query protocol on the wire). */
public final class SdkLoadBalancerOperations implements LoadBalancerOperations {
    /** Targets per Register/Deregister/DescribeTargetHealth call: small batches keep each call well inside limits. */
    public static final int TARGET_BATCH = 20;

    private final ElasticLoadBalancingV2Client elb;

    public SdkLoadBalancerOperations(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public TargetGroup describeTargetGroup(String targetGroupArn) {
        List<TargetGroup> groups = elb.describeTargetGroups(r -> r.targetGroupArns(targetGroupArn)).targetGroups();
        if (groups.isEmpty()) {
            throw new AwsFailure("target group " + targetGroupArn + " does not exist");
        }
        return groups.get(0);
    }

    @Override
    public List<TargetHealthDescription> describeTargetHealth(String targetGroupArn, Collection<Target> targets) {
        List<TargetHealthDescription> all = new ArrayList<>();
        for (List<TargetDescription> batch : batches(targets)) {
            all.addAll(elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn).targets(batch))
                    .targetHealthDescriptions());
        }
        return all;
    }

    @Override
    public List<TargetHealthDescription> describeTargetHealth(String targetGroupArn) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    }

    @Override
    public void registerTargets(String targetGroupArn, Collection<Target> targets) {
        for (List<TargetDescription> batch : batches(targets)) {
            elb.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(batch));
        }
    }

    @Override
    public void deregisterTargets(String targetGroupArn, Collection<Target> targets) {
        for (List<TargetDescription> batch : batches(targets)) {
            elb.deregisterTargets(r -> r.targetGroupArn(targetGroupArn).targets(batch));
        }
    }

    @Override
    public Rule describeRule(String ruleArn) {
        List<Rule> rules = elb.describeRules(r -> r.ruleArns(ruleArn)).rules();
        if (rules.isEmpty()) {
            throw new AwsFailure("listener rule " + ruleArn + " does not exist");
        }
        return rules.get(0);
    }

    @Override
    public void setForwardWeights(String ruleArn, Map<String, Integer> weights) {
        Rule rule = describeRule(ruleArn);
        List<Action> actions = new ArrayList<>();
        for (Action action : rule.actions()) {
            if (action.type() != ActionTypeEnum.FORWARD) {
                actions.add(action);
                continue;
            }
            ForwardActionConfig forward = action.forwardConfig();
            List<TargetGroupTuple> tuples = new ArrayList<>();
            for (TargetGroupTuple tuple : forward.targetGroups()) {
                Integer weight = weights.get(tuple.targetGroupArn());
                tuples.add(weight == null ? tuple : tuple.toBuilder().weight(weight).build());
            }
            // A forward action names its groups either in TargetGroupArn or in ForwardConfig, never both with
            // different values (ELB API reference, Action): send ForwardConfig alone.
            actions.add(action.toBuilder().targetGroupArn(null)
                    .forwardConfig(forward.toBuilder().targetGroups(tuples).build()).build());
        }
        elb.modifyRule(r -> r.ruleArn(ruleArn).actions(actions));
    }

    private static List<List<TargetDescription>> batches(Collection<Target> targets) {
        List<TargetDescription> all = targets.stream()
                .map(t -> TargetDescription.builder().id(t.ip()).port(t.port()).build())
                .toList();
        List<List<TargetDescription>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += TARGET_BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + TARGET_BATCH)));
        }
        return batches;
    }
}
