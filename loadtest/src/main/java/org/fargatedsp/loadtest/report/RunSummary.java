package org.fargatedsp.loadtest.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result of a run as written to {@code summary.json}: counts and rates of the measured part
 * (requests intended after the warm-up), latency percentiles, the per-minute and per-second
 * timelines, and the criteria it failed, if any.
 *
 * @param scheduled        measured requests whose send time came: {@code answered + timeouts + errors}
 * @param waited           of those, how many found every connection busy at their send time
 * @param timeoutsWaiting  of the timeouts, how many were never sent because no connection came free
 * @param errors           requests whose connection broke before the answer came
 * @param sentPerSecond    measured requests sent per second of measured duration
 * @param answeredPerSecond measured answers per second of measured duration: the throughput
 * @param bidRate          share of answers that were 200 (a bid), from 0 to 1
 * @param generatorCpuCores CPU the generator itself used after the warm-up, in cores; NaN if unknown
 * @param responseTime     latency from the intended send time: the figure that counts
 * @param serviceTime      latency from the actual write, which hides queueing; shown for contrast
 */
public record RunSummary(
        RunSettings settings,
        long scheduled,
        long sent,
        long answered,
        long waited,
        long timeouts,
        long timeoutsWaiting,
        long errors,
        long connectionsReplaced,
        long connectFailures,
        Map<String, Long> statuses,
        long ok200,
        long noBid204,
        long other2xx,
        long redirect3xx,
        long client4xx,
        long server5xx,
        double sentPerSecond,
        double answeredPerSecond,
        double bidRate,
        double generatorCpuCores,
        LatencyStats responseTime,
        LatencyStats serviceTime,
        List<Minute> minutes,
        List<Second> seconds,
        List<String> failures) {

    /** Builds the summary of a finished run; {@code failures} is left empty for {@link Criteria} to fill. */
    public static RunSummary of(RunSettings settings, Counts measured, long connectionsReplaced, long connectFailures,
            Histogram responseTimes, Histogram serviceTimes, List<Minute> minutes, List<Second> seconds,
            double generatorCpuCores) {
        double durationS = settings.durationS();
        long answered = measured.answered();
        return new RunSummary(
                settings,
                measured.scheduled(),
                measured.sent(),
                answered,
                measured.waited(),
                measured.timeouts(),
                measured.timeoutsWaiting(),
                measured.failed(),
                connectionsReplaced,
                connectFailures,
                measured.statusMap(),
                measured.status(200),
                measured.status(204),
                measured.statusRange(200, 300) - measured.status(200) - measured.status(204),
                measured.statusRange(300, 400),
                measured.clientErrors(),
                measured.serverErrors(),
                measured.sent() / durationS,
                answered / durationS,
                answered == 0 ? 0 : (double) measured.status(200) / answered,
                generatorCpuCores,
                LatencyStats.of(responseTimes),
                LatencyStats.of(serviceTimes),
                List.copyOf(minutes),
                List.copyOf(seconds),
                List.of());
    }

    /** This summary with the criteria it failed. */
    public RunSummary withFailures(List<String> newFailures) {
        return new RunSummary(settings, scheduled, sent, answered, waited, timeouts, timeoutsWaiting, errors,
                connectionsReplaced, connectFailures, statuses, ok200, noBid204, other2xx, redirect3xx, client4xx,
                server5xx, sentPerSecond, answeredPerSecond, bidRate, generatorCpuCores, responseTime, serviceTime, minutes, seconds,
                List.copyOf(newFailures));
    }

    /** Whether the run met every criterion it was given. */
    @JsonProperty("passed")
    public boolean passed() {
        return failures.isEmpty();
    }
}
