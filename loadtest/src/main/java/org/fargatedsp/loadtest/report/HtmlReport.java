package org.fargatedsp.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The report as one self-contained HTML page with inline SVG charts: the latency percentile curve
 * on a {@code 1/(1-p)} axis, latency per second over the run, and requests per second.
 */
final class HtmlReport {
    private static final double NANOS_PER_MS = 1e6;
    /** The percentile axis ends at 99.9999%: beyond it a run rarely has data. */
    private static final double MAX_NINES = 6;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private HtmlReport() {}

    static String render(RunSummary summary, Histogram responseTimes, Histogram serviceTimes) {
        RunSettings s = summary.settings();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Load test ")
                .append(escape(s.target())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:960px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f4f4f4}td.l,th.l{text-align:left}")
                .append(".pass{color:#17752a}.fail{color:#b00020}svg{display:block;margin:12px 0 24px}\n")
                .append("</style></head><body>\n");
        html.append("<h1>Load test of ").append(escape(s.target())).append("</h1>\n");
        html.append(f("<p>%s requests/s for %d s after a %d s warm-up, %d connections on %d sending thread(s), timeout %d ms,"
                        + " %s transport, corpus %s (%d requests). Started %s.</p>%n",
                TextReport.number(s.ratePerSecond()), s.durationS(), s.warmupS(), s.connections(), s.threads(),
                s.timeoutMs(), escape(s.transport()), escape(s.corpus()), s.templates(), escape(s.startedAt())));
        html.append(summary.passed()
                ? "<p class=\"pass\"><b>Passed.</b></p>\n"
                : "<p class=\"fail\"><b>Failed:</b> " + escape(String.join("; ", summary.failures())) + "</p>\n");
        html.append(countsTable(summary)).append(latencyTable(summary));
        if (!Double.isNaN(summary.generatorCpuCores())) {
            html.append(f("<p>The generator used %.2f CPU cores after the warm-up.</p>%n", summary.generatorCpuCores()));
        }
        html.append(percentileChart(responseTimes, serviceTimes));
        html.append(latencyOverTime(summary)).append(rateOverTime(summary));
        html.append("<p>Response time is measured from the moment each request was due to be sent, so time spent")
                .append(" waiting for a free connection counts (no coordinated omission). Service time is measured")
                .append(" from the actual write and hides that wait.</p>\n</body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String countsTable(RunSummary r) {
        StringBuilder t = new StringBuilder("<table><tr><th>scheduled</th><th>sent</th><th>answered</th>"
                + "<th>timeouts</th><th>errors</th><th>waited</th><th>sent/s</th><th>answered/s</th>"
                + "<th>bid rate</th></tr>\n");
        t.append(f("<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td>"
                        + "<td>%.1f%%</td></tr></table>%n",
                r.scheduled(), r.sent(), r.answered(), r.timeouts(), r.errors(), r.waited(), r.sentPerSecond(),
                r.answeredPerSecond(), r.bidRate() * 100));
        t.append("<table><tr><th class=\"l\">status</th>");
        for (String code : r.statuses().keySet()) {
            t.append("<th>").append(code.equals("0") ? "other" : escape(code)).append("</th>");
        }
        t.append("</tr><tr><td class=\"l\">answers</td>");
        for (Map.Entry<String, Long> entry : r.statuses().entrySet()) {
            t.append("<td>").append(entry.getValue()).append("</td>");
        }
        return t.append("</tr></table>\n").toString();
    }

    private static String latencyTable(RunSummary r) {
        StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">ms</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>p99.99</th><th>max</th><th>mean</th></tr>\n");
        t.append(latencyRow("response time", r.responseTime())).append(latencyRow("service time", r.serviceTime()));
        return t.append("</table>\n").toString();
    }

    private static String latencyRow(String label, LatencyStats l) {
        return f("<tr><td class=\"l\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                        + "<td>%s</td></tr>%n",
                label, TextReport.ms(l.p50Ms()), TextReport.ms(l.p90Ms()), TextReport.ms(l.p99Ms()),
                TextReport.ms(l.p999Ms()), TextReport.ms(l.p9999Ms()), TextReport.ms(l.maxMs()),
                TextReport.ms(l.meanMs()));
    }

    private static String percentileChart(Histogram responseTimes, Histogram serviceTimes) {
        List<SvgChart.Tick> ticks = new ArrayList<>();
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++) {
            ticks.add(new SvgChart.Tick(nines, labels[nines]));
        }
        return new SvgChart("Latency by percentile", "percentile", "latency (ms, log scale)", true)
                .xAxis(0, MAX_NINES, ticks)
                .add(percentileSeries("response time", "#1f5fbf", responseTimes))
                .add(percentileSeries("service time", "#e08a00", serviceTimes))
                .render();
    }

    private static SvgChart.Series percentileSeries(String label, String color, Histogram histogram) {
        List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() > 0) {
            for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double p = v.getPercentileLevelIteratedTo() / 100;
                // The 100% point has no place on a 1/(1-p) axis; put the maximum where one sample in
                // the whole run would sit, as HdrHistogram's own plots do.
                double inverse = p >= 1 ? histogram.getTotalCount() : 1 / (1 - p);
                double nines = Math.min(MAX_NINES, Math.log10(inverse));
                points.add(new double[] {nines, v.getValueIteratedTo() / NANOS_PER_MS});
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new SvgChart.Series(label, color, xs, ys);
    }

    private static String latencyOverTime(RunSummary r) {
        List<Second> seconds = r.seconds();
        double[] xs = new double[seconds.size()];
        double[] p50 = new double[seconds.size()];
        double[] p99 = new double[seconds.size()];
        double[] max = new double[seconds.size()];
        for (int i = 0; i < seconds.size(); i++) {
            xs[i] = seconds.get(i).second();
            p50[i] = seconds.get(i).p50Ms();
            p99[i] = seconds.get(i).p99Ms();
            max[i] = seconds.get(i).maxMs();
        }
        return timeChart("Latency over time (answers arriving in each second)", "latency (ms, log scale)", true, r)
                .add(new SvgChart.Series("p50", "#1f5fbf", xs, p50))
                .add(new SvgChart.Series("p99", "#e08a00", xs, p99))
                .add(new SvgChart.Series("max", "#b00020", xs, max))
                .render();
    }

    private static String rateOverTime(RunSummary r) {
        List<Second> seconds = r.seconds();
        double[] xs = new double[seconds.size()];
        double[] sent = new double[seconds.size()];
        double[] answered = new double[seconds.size()];
        double[] failed = new double[seconds.size()];
        for (int i = 0; i < seconds.size(); i++) {
            Second s = seconds.get(i);
            xs[i] = s.second();
            sent[i] = s.sent();
            answered[i] = s.answered();
            failed[i] = s.timeouts() + s.failed() + s.server5xx();
        }
        return timeChart("Requests per second", "requests/s", false, r)
                .add(new SvgChart.Series("sent", "#888888", xs, sent))
                .add(new SvgChart.Series("answered", "#17752a", xs, answered))
                .add(new SvgChart.Series("timeouts+errors+5xx", "#b00020", xs, failed))
                .render();
    }

    private static SvgChart timeChart(String title, String yLabel, boolean logY, RunSummary r) {
        int last = r.seconds().isEmpty() ? 1 : r.seconds().get(r.seconds().size() - 1).second();
        int step = Math.max(1, niceStep(last / 10.0));
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= last; t += step) {
            ticks.add(new SvgChart.Tick(t, t + " s"));
        }
        return new SvgChart(title, "seconds since start", yLabel, logY)
                .xAxis(0, last, ticks)
                .shade(0, r.settings().warmupS(), "warm-up");
    }

    private static int niceStep(double rough) {
        int[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
        for (int step : steps) {
            if (step >= rough) {
                return step;
            }
        }
        return 3600;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
