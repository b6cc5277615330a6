package org.fargatedsp.loadtest.report;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** The final report as text for a person: what was offered, what came back, and how fast. */
public final class TextReport {
    /** Share of its threads' cores above which the generator is reported as possibly the bottleneck. */
    private static final double BUSY_SHARE = 0.9;

    private TextReport() {}

    /** The report of {@code summary}, several lines, ending with a newline. */
    public static String render(RunSummary summary) {
        RunSettings s = summary.settings();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "target     %s%n           %s/s for %d s after a %d s warm-up, %d connections, %d sending thread(s),"
                        + " timeout %d ms, %s, corpus %s (%d requests)%n",
                s.target(), number(s.ratePerSecond()), s.durationS(), s.warmupS(), s.connections(), s.threads(),
                s.timeoutMs(), s.transport(), s.corpus(), s.templates()));
        text.append(String.format(Locale.ROOT,
                "requests   scheduled %d  sent %d  answered %d  timeouts %d (%d never sent)  errors %d"
                        + "  waited for a connection %d%n",
                summary.scheduled(), summary.sent(), summary.answered(), summary.timeouts(), summary.timeoutsWaiting(),
                summary.errors(), summary.waited()));
        text.append(String.format(Locale.ROOT, "rate       sent %.1f/s  answered %.1f/s  bid rate %.1f%%%n",
                summary.sentPerSecond(), summary.answeredPerSecond(), summary.bidRate() * 100));
        text.append("status    ");
        for (Map.Entry<String, Long> status : summary.statuses().entrySet()) {
            text.append(' ').append(status.getKey().equals("0") ? "other" : status.getKey()).append(' ')
                    .append(status.getValue()).append(' ');
        }
        text.append(summary.statuses().isEmpty() ? " none" : "").append(System.lineSeparator());
        text.append(latencyLine("latency   ", "from intended send time", summary.responseTime()));
        text.append(latencyLine("service   ", "from actual write      ", summary.serviceTime()));
        if (!Double.isNaN(summary.generatorCpuCores())) {
            text.append(String.format(Locale.ROOT, "generator  used %.2f CPU cores after the warm-up%s%n",
                    summary.generatorCpuCores(), generatorNearItsLimit(summary)
                            ? " (near its limit: the generator may be what holds the rate back)" : ""));
        }
        if (summary.connectionsReplaced() > 0 || summary.connectFailures() > 0) {
            text.append(String.format(Locale.ROOT, "connections replaced %d, failed reconnects %d%n",
                    summary.connectionsReplaced(), summary.connectFailures()));
        }
        text.append(summary.passed() ? "verdict    passed" : "verdict    FAILED: " + String.join("; ", summary.failures()))
                .append(System.lineSeparator());
        return text.toString();
    }

    /**
     * Whether the generator used nearly all of its sending threads' cores after the warm-up, so that it rather than
     * the server may be what held the rate back. False when its CPU use is unknown.
     */
    public static boolean generatorNearItsLimit(RunSummary summary) {
        return summary.generatorCpuCores() >= BUSY_SHARE * summary.settings().threads();
    }

    /** Milliseconds with three decimals. */
    public static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A number without a needless fraction: 1000 rather than 1000.0, 2.5 as 2.5. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String latencyLine(String label, String basis, LatencyStats l) {
        return String.format(Locale.ROOT,
                "%s(%s, ms)  p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s  mean %s%n",
                label, basis, ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()), ms(l.p999Ms()), ms(l.p9999Ms()),
                ms(l.maxMs()), ms(l.meanMs()));
    }
}
