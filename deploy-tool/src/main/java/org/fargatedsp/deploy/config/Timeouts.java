package org.fargatedsp.deploy.config;

import java.time.Duration;

/** How long each wait may take, and how often it polls; every wait in the tool is bounded by one of these. */
public record Timeouts(Duration taskStart, Duration targetHealthy, Duration drain, Duration taskStop,
                       Duration deployment, Duration pollInterval, Duration maxPollInterval, Duration metricsLag) {
}
