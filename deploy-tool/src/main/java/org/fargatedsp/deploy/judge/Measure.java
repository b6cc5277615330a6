package org.fargatedsp.deploy.judge;

/** A quantity a metrics source may or may not be able to measure per cohort. */
public enum Measure {
    REQUESTS, HTTP_5XX, ERROR_OUTCOMES, NO_BIDS, P99_LATENCY
}
