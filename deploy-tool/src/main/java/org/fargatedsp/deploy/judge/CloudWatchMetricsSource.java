package org.fargatedsp.deploy.judge;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fargatedsp.deploy.aws.Arns;
import org.fargatedsp.deploy.canary.DeployError;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Reads ALB target group metrics from CloudWatch (namespace AWS/ApplicationELB, dimensions TargetGroup and
 * LoadBalancer, https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
 * It measures requests, target 5xx and p99 response time; ALB knows nothing of bids, so error outcomes and the
 * no-bid ratio are not judged with this source.
 */
public final class CloudWatchMetricsSource implements MetricsSource {
    static final int PERIOD_SECONDS = 60;

    private final CloudWatchClient cloudWatch;

    public CloudWatchMetricsSource(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Set<Measure> measures() {
        return EnumSet.of(Measure.REQUESTS, Measure.HTTP_5XX, Measure.P99_LATENCY);
    }

    @Override
    public CohortMetrics fetch(Cohort cohort, Instant from, Instant to) {
        if (cohort.targetGroupArn() == null || cohort.loadBalancerArn() == null) {
            throw new DeployError("the CloudWatch judge needs a target group behind a load balancer for the "
                    + cohort.name());
        }
        List<Dimension> dimensions = List.of(
                Dimension.builder().name("TargetGroup").value(Arns.elbDimension(cohort.targetGroupArn())).build(),
                Dimension.builder().name("LoadBalancer").value(Arns.elbDimension(cohort.loadBalancerArn())).build());
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .startTime(from).endTime(to).scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(
                        query("requests", "RequestCount", "Sum", dimensions),
                        query("http5xx", "HTTPCode_Target_5XX_Count", "Sum", dimensions),
                        query("p99", "TargetResponseTime", "p99", dimensions))
                .build();
        Map<String, double[]> totals = new HashMap<>();
        for (MetricDataResult result : cloudWatch.getMetricDataPaginator(request).metricDataResults()) {
            double[] t = totals.computeIfAbsent(result.id(), k -> new double[2]);
            for (Double value : result.values()) {
                t[0] += value;
                t[1]++;
            }
        }
        Double requests = sum(totals.get("requests"));
        // ALB publishes HTTPCode_Target_5XX_Count only for periods that had one: no points with traffic is zero.
        Double http5xx = sum(totals.get("http5xx"));
        if (http5xx == null && requests != null) {
            http5xx = 0.0;
        }
        double[] p99 = totals.get("p99");
        // TargetResponseTime is in seconds; the mean of the per-minute p99s, the same way for both cohorts.
        Double p99Ms = p99 == null || p99[1] == 0 ? null : p99[0] / p99[1] * 1000.0;
        return new CohortMetrics(requests, requests, http5xx, null, null, p99Ms);
    }

    private static Double sum(double[] total) {
        return total == null || total[1] == 0 ? null : total[0];
    }

    private static MetricDataQuery query(String id, String metric, String stat, List<Dimension> dimensions) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(s -> s.period(PERIOD_SECONDS).stat(stat)
                        .metric(m -> m.namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions)))
                .build();
    }
}
