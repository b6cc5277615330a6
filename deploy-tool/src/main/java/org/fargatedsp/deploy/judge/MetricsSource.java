package org.fargatedsp.deploy.judge;

import java.time.Instant;
import java.util.Set;

/** Reads canary and baseline metrics for the judge; implemented over Datadog and over CloudWatch. */
public interface MetricsSource {

    /** The quantities this source can measure; the judge reports the others as not judged. */
    Set<Measure> measures();

    /** The cohort's metrics over [from, to); a quantity without data comes back null. */
    CohortMetrics fetch(Cohort cohort, Instant from, Instant to);
}
