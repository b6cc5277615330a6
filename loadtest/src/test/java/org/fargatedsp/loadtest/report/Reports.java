package org.fargatedsp.loadtest.report;

import java.util.List;
import org.HdrHistogram.Histogram;

/** Builds summaries for report tests from made-up outcomes. */
final class Reports {
    static final long MS = 1_000_000;

    private Reports() {}

    static RunSettings settings() {
        return new RunSettings("http://127.0.0.1:8080/openrtb2/bid?a=<b>", 1000, 10, 2, 64, 1, 1000,
                "built-in IAB examples", 11, "epoll", "2026-01-01T00:00:00Z");
    }

    /** 900 bids at 1..900 µs scaled, 95 no-bids, 3 5xx, 2 timeouts. */
    static RunRecorder recorder() {
        RunRecorder recorder = new RunRecorder();
        for (int i = 1; i <= 1000; i++) {
            recorder.sent(true);
            if (i <= 900) {
                recorder.answered(true, 200, i * MS / 100, i * MS / 200);
            } else if (i <= 995) {
                recorder.answered(true, 204, 2 * MS, MS);
            } else if (i <= 998) {
                recorder.answered(true, 500, 3 * MS, MS);
            } else {
                recorder.timedOut(true, true);
            }
        }
        return recorder;
    }

    static RunSummary summary(RunRecorder recorder, Histogram response, Histogram service) {
        List<Second> seconds = List.of(
                new Second(1, true, 1000, 1000, 900, 100, 0, 0, 0, 0, 0.2, 1.5, 3.0),
                new Second(2, true, 1000, 1000, 900, 100, 0, 0, 0, 0, 0.2, 1.5, 3.0),
                new Second(3, false, 1000, 998, 900, 95, 0, 3, 2, 0, 0.3, 8.0, 9.0));
        List<Minute> minutes = List.of(new Minute(1, 998, 0.3, 8.0, 9.0, 9.0));
        return RunSummary.of(settings(), recorder.measuredCounts(), 2, 0, response, service, minutes, seconds, 0.25);
    }
}
