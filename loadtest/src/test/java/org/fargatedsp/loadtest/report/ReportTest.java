package org.fargatedsp.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    private Histogram response;
    private Histogram service;
    private RunSummary summary;

    @BeforeEach
    void run() {
        RunRecorder recorder = Reports.recorder();
        response = recorder.takeResponseTimes();
        service = recorder.takeServiceTimes();
        summary = Reports.summary(recorder, response, service);
    }

    @Test
    void summaryCountsRatesAndPercentiles() {
        assertThat(summary.scheduled()).isEqualTo(1000);
        assertThat(summary.answered()).isEqualTo(998);
        assertThat(summary.timeouts()).isEqualTo(2);
        assertThat(summary.ok200()).isEqualTo(900);
        assertThat(summary.noBid204()).isEqualTo(95);
        assertThat(summary.server5xx()).isEqualTo(3);
        assertThat(summary.answeredPerSecond()).isEqualTo(99.8);
        assertThat(summary.bidRate()).isEqualTo(900 / 998.0);
        assertThat(summary.responseTime().count()).isEqualTo(998);
        assertThat(summary.responseTime().p50Ms()).isBetween(3.9, 4.1);
        assertThat(summary.responseTime().maxMs()).isBetween(8.99, 9.01);
        assertThat(summary.serviceTime().p50Ms()).isLessThan(summary.responseTime().p50Ms());
    }

    @Test
    void textReportShowsRatesStatusesPercentilesAndVerdict() {
        RunSummary failed = summary.withFailures(new Criteria(true, 5, Double.NaN).failures(summary));

        String text = TextReport.render(failed);

        assertThat(text).contains("1000/s for 10 s after a 2 s warm-up", "answered 998", "timeouts 2",
                "answered 99.8/s", "bid rate 90.2%", " 200 900 ", " 204 95 ", " 500 3 ", "p99.9 ",
                "connections replaced 2", "generator  used 0.25 CPU cores after the warm-up\n");
        assertThat(text).contains("verdict    FAILED: 3 answers with status 5xx; 2 timeouts; p99 ");
        assertThat(TextReport.render(summary)).contains("verdict    passed");
    }

    @Test
    void textReportSaysWhenTheGeneratorMayBeTheBottleneck() {
        RunRecorder recorder = new RunRecorder();
        recorder.sent(true);
        recorder.answered(true, 204, Reports.MS, Reports.MS);
        RunSummary busy = RunSummary.of(Reports.settings(), recorder.measuredCounts(), 0, 0, response, service,
                List.of(), List.of(), 0.95);

        assertThat(TextReport.render(busy)).contains("generator  used 0.95 CPU cores after the warm-up (near its limit");
    }

    @Test
    void criteriaPassACleanRunWithinTheLimits() {
        RunRecorder oneAnswer = new RunRecorder();
        oneAnswer.sent(true);
        oneAnswer.answered(true, 204, Reports.MS, Reports.MS);
        RunSummary clean = Reports.summary(oneAnswer, histogramOf(Reports.MS), histogramOf(Reports.MS));

        assertThat(new Criteria(true, 5, 5).failures(clean)).isEmpty();
        assertThat(new Criteria(true, 0.5, Double.NaN).failures(clean)).singleElement().asString()
                .startsWith("p99 1.000 ms is above the limit of 0.5 ms");
        assertThat(new Criteria(false, Double.NaN, 0.5).failures(clean)).singleElement().asString()
                .startsWith("p99.9 ");
    }

    @Test
    void writesSummaryHgrmAndHtmlFiles() throws IOException {
        List<Path> files = ReportFiles.write(dir.resolve("out"), summary, response, service);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly(ReportFiles.SUMMARY, ReportFiles.LATENCY_HGRM, ReportFiles.SERVICE_HGRM, ReportFiles.HTML);
        assertThat(ReportFiles.readSummary(files.get(0))).isEqualTo(summary);
        assertThat(Files.readString(files.get(0))).contains("\"passed\" : true", "\"answeredPerSecond\" : 99.8");
        String hgrm = Files.readString(files.get(1));
        assertThat(hgrm).contains("Value     Percentile TotalCount 1/(1-Percentile)", "#[Max     =",
                "Total count    =          998]");
        assertThat(hgrm.lines().filter(l -> l.contains("0.500000000000")).findFirst().orElseThrow().trim())
                .as("values in milliseconds").startsWith("4.0");
    }

    @Test
    void htmlPageIsSelfContainedWithTheThreeCharts() throws IOException {
        String html = Files.readString(ReportFiles.write(dir, summary, response, service).get(3));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>");
        assertThat(html).doesNotContain("<script", "src=\"http", "href=\"http");
        assertThat(html).contains("Latency by percentile", "Latency over time", "Requests per second",
                "99.99%", "warm-up", "response time", "service time");
        assertThat(html.split("<svg ", -1)).hasSize(4);
        assertThat(html.split("<polyline ", -1)).hasSize(1 + 2 + 3 + 3);
        assertThat(html).as("the target is escaped").contains("?a=&lt;b&gt;").doesNotContain("a=<b>");
    }

    private static Histogram histogramOf(long value) {
        Histogram histogram = RunRecorder.newHistogram();
        histogram.recordValue(value);
        return histogram;
    }
}
