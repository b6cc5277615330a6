package org.fargatedsp.deploy.judge;

/** Where the judge reads canary and baseline metrics from. */
public enum MetricsSourceKind {
    /** The bidder's own metrics, filtered by the per-task and version tags it attaches. */
    DATADOG,
    /** ALB target group metrics; needs a dedicated canary target group, since ALB has no per-target dimension. */
    CLOUDWATCH
}
