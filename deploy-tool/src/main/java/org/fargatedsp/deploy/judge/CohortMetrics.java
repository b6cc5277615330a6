package org.fargatedsp.deploy.judge;

/**
 * What a source measured for one cohort over the judging window; null means no data (or not measurable).
 *
 * @param requests bid requests handled (Datadog) or requests the target group routed (CloudWatch)
 * @param responses HTTP responses counted alongside {@code responses5xx}
 * @param errorOutcomes requests whose outcome was {@code error}
 * @param noBids requests answered with no bid
 * @param p99Ms the 99th percentile latency in milliseconds
 */
public record CohortMetrics(Double requests, Double responses, Double responses5xx, Double errorOutcomes,
                            Double noBids, Double p99Ms) {
}
