package org.fargatedsp.loadtest.report;

/** The settings a run was made with, as they appear in its report. */
public record RunSettings(
        String target, double ratePerSecond, int durationS, int warmupS, int connections, int threads,
        long timeoutMs, String corpus, int templates, String transport, String startedAt) {}
