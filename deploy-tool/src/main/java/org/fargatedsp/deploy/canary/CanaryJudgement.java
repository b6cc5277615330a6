package org.fargatedsp.deploy.canary;

import java.time.Instant;
import java.util.List;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.aws.EcsOperations.DescribedTaskDefinition;
import org.fargatedsp.deploy.judge.Cohort;
import org.fargatedsp.deploy.judge.CohortMetrics;
import org.fargatedsp.deploy.judge.Judge;
import org.fargatedsp.deploy.judge.MetricsSource;
import org.fargatedsp.deploy.judge.Verdict;
import org.fargatedsp.deploy.taskdef.TemplateRenderer;

/** Builds the canary and baseline cohorts, reads both over the bake window and asks the judge. */
public final class CanaryJudgement {
    private final DeployContext ctx;
    private final MetricsSource metrics;

    public CanaryJudgement(DeployContext ctx, MetricsSource metrics) {
        this.ctx = ctx;
        this.metrics = metrics;
    }

    public Verdict judge(ServiceLayout layout, String canaryTaskDefinitionArn, List<String> canaryTasks,
                         Instant from, Instant to, int restarts) {
        DescribedTaskDefinition baselineDefinition = ctx.ecs().describeTaskDefinition(layout.taskDefinitionArn());
        String baselineVersion = baselineDefinition.tags().stream()
                .filter(t -> t.key().equals(TemplateRenderer.VERSION_TAG)).map(t -> t.value()).findFirst()
                .orElse(null);
        String canaryGroup = ctx.config().dedicatedCanaryTargetGroup() ? ctx.config().canaryTargetGroupArn() : null;
        String baselineGroup = layout.serviceTargetGroups().get(0);
        Cohort canary = new Cohort("canary", ctx.cluster(), Arns.taskDefinitionFamily(canaryTaskDefinitionArn),
                Arns.taskDefinitionRevision(canaryTaskDefinitionArn), ctx.config().version(), canaryTasks,
                canaryGroup, loadBalancerOf(canaryGroup));
        Cohort baseline = new Cohort("baseline", ctx.cluster(), Arns.taskDefinitionFamily(layout.taskDefinitionArn()),
                Arns.taskDefinitionRevision(layout.taskDefinitionArn()), baselineVersion, List.of(),
                baselineGroup, loadBalancerOf(baselineGroup));
        CohortMetrics canaryMetrics = metrics.fetch(canary, from, to);
        CohortMetrics baselineMetrics = metrics.fetch(baseline, from, to);
        return new Judge(ctx.config().thresholds()).judge(canaryMetrics, baselineMetrics, restarts,
                metrics.measures());
    }

    private String loadBalancerOf(String targetGroupArn) {
        if (targetGroupArn == null) {
            return null;
        }
        List<String> balancers = ctx.elb().describeTargetGroup(targetGroupArn).loadBalancerArns();
        return balancers.isEmpty() ? null : balancers.get(0);
    }
}
