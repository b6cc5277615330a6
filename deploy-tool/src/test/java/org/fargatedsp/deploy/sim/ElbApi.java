package org.fargatedsp.deploy.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Load Balancing v2 over the AWS query protocol: form-encoded POST with {@code Action} and
 * {@code Version=2015-12-01}, lists as {@code Name.member.N}, XML answers in the 2015-12-01 namespace.
 */
final class ElbApi {
    static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private final ElbModel elb;

    ElbApi(ElbModel elb) {
        this.elb = elb;
    }

    /** The XML body of the answer, or a SimError. */
    String handle(String action, Map<String, String> form, Instant now) {
        if (!"2015-12-01".equals(form.get("Version"))) {
            throw new SimError("InvalidAction", "Version must be 2015-12-01");
        }
        StringBuilder result = new StringBuilder();
        switch (action) {
            case "DescribeTargetGroups" -> {
                result.append("<TargetGroups>");
                for (String arn : members(form, "TargetGroupArns")) {
                    ElbModel.SimTargetGroup group = elb.group(arn);
                    result.append("<member><TargetGroupArn>").append(arn).append("</TargetGroupArn>")
                            .append("<TargetType>ip</TargetType><Protocol>HTTP</Protocol><Port>8080</Port>")
                            .append("<HealthCheckPath>/health</HealthCheckPath><LoadBalancerArns>");
                    group.loadBalancerArns.forEach(lb -> result.append("<member>").append(lb).append("</member>"));
                    result.append("</LoadBalancerArns></member>");
                }
                result.append("</TargetGroups>");
            }
            case "DescribeTargetHealth" -> describeTargetHealth(form, result);
            case "RegisterTargets" -> targets(form).forEach(t ->
                    elb.register(form.get("TargetGroupArn"), t[0], Integer.parseInt(t[1]), now));
            case "DeregisterTargets" -> targets(form).forEach(t ->
                    elb.deregister(form.get("TargetGroupArn"), t[0], Integer.parseInt(t[1]), now));
            case "DescribeRules" -> {
                result.append("<Rules>");
                for (String arn : members(form, "RuleArns")) {
                    if (!elb.rules.containsKey(arn)) {
                        throw new SimError("RuleNotFound", "One or more rules not found");
                    }
                    result.append(rule(arn, elb.rules.get(arn)));
                }
                result.append("</Rules>");
            }
            case "ModifyRule" -> {
                String arn = form.get("RuleArn");
                Map<String, Integer> weights = new LinkedHashMap<>();
                for (int i = 1; form.containsKey("Actions.member.1.ForwardConfig.TargetGroups.member." + i
                        + ".TargetGroupArn"); i++) {
                    String prefix = "Actions.member.1.ForwardConfig.TargetGroups.member." + i + ".";
                    weights.put(form.get(prefix + "TargetGroupArn"),
                            Integer.parseInt(form.getOrDefault(prefix + "Weight", "1")));
                }
                if (!"forward".equals(form.get("Actions.member.1.Type")) || weights.isEmpty()) {
                    throw new SimError("ValidationError", "A forward action with a ForwardConfig is required");
                }
                elb.setWeights(arn, weights);
                result.append("<Rules>").append(rule(arn, weights)).append("</Rules>");
            }
            default -> throw new SimError("InvalidAction", "The simulator does not know " + action);
        }
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private void describeTargetHealth(Map<String, String> form, StringBuilder result) {
        ElbModel.SimTargetGroup group = elb.group(form.get("TargetGroupArn"));
        List<String[]> asked = targets(form);
        result.append("<TargetHealthDescriptions>");
        if (asked.isEmpty()) {
            group.targets.values().forEach(t -> result.append(description(t.ip, t.port, t.state, t.reason,
                    t.description)));
        } else {
            for (String[] target : asked) {
                ElbModel.SimTarget t = group.targets.get(target[0] + ":" + target[1]);
                result.append(t == null
                        ? description(target[0], Integer.parseInt(target[1]), "unused", "Target.NotRegistered",
                        "Target is not registered to the target group")
                        : description(t.ip, t.port, t.state, t.reason, t.description));
            }
        }
        result.append("</TargetHealthDescriptions>");
    }

    private static String description(String ip, int port, String state, String reason, String text) {
        return "<member><Target><Id>" + ip + "</Id><Port>" + port + "</Port><AvailabilityZone>eu-west-1a"
                + "</AvailabilityZone></Target><HealthCheckPort>" + port + "</HealthCheckPort><TargetHealth><State>"
                + state + "</State>" + (reason == null ? "" : "<Reason>" + reason + "</Reason>")
                + (text == null ? "" : "<Description>" + Wire.xml(text) + "</Description>")
                + "</TargetHealth></member>";
    }

    private static String rule(String arn, Map<String, Integer> weights) {
        StringBuilder xml = new StringBuilder("<member><RuleArn>" + arn + "</RuleArn><Priority>10</Priority>"
                + "<IsDefault>false</IsDefault><Conditions><member><Field>path-pattern</Field><Values><member>/openrtb"
                + "</member></Values></member></Conditions><Actions><member><Type>forward</Type><Order>1</Order>"
                + "<ForwardConfig><TargetGroups>");
        weights.forEach((group, weight) -> xml.append("<member><TargetGroupArn>").append(group)
                .append("</TargetGroupArn><Weight>").append(weight).append("</Weight></member>"));
        return xml.append("</TargetGroups></ForwardConfig></member></Actions></member>").toString();
    }

    private static List<String> members(Map<String, String> form, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(name + ".member." + i); i++) {
            values.add(form.get(name + ".member." + i));
        }
        return values;
    }

    private static List<String[]> targets(Map<String, String> form) {
        List<String[]> targets = new ArrayList<>();
        for (int i = 1; form.containsKey("Targets.member." + i + ".Id"); i++) {
            targets.add(new String[] {form.get("Targets.member." + i + ".Id"),
                    form.getOrDefault("Targets.member." + i + ".Port", "8080")});
        }
        if (targets.size() > 20) {
            throw new SimError("ValidationError", "The simulator holds the tool to 20 targets per call");
        }
        return targets;
    }
}
