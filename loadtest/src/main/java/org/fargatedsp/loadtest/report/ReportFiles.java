package org.fargatedsp.loadtest.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.fargatedsp.loadtest.json.Json;

/**
 * Writes a run's files: {@code summary.json} for scripts, {@code latency.hgrm} and
 * {@code service-time.hgrm} (HdrHistogram percentile distributions in milliseconds, readable by
 * HdrHistogram's plotter) and {@code report.html} for people.
 */
public final class ReportFiles {
    /** Name of the summary file. */
    public static final String SUMMARY = "summary.json";
    /** Name of the response-time percentile distribution. */
    public static final String LATENCY_HGRM = "latency.hgrm";
    /** Name of the service-time percentile distribution. */
    public static final String SERVICE_HGRM = "service-time.hgrm";
    /** Name of the page with the charts. */
    public static final String HTML = "report.html";

    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double NANOS_PER_MS = 1e6;

    private ReportFiles() {}

    /** Writes every file into {@code dir}, creating it; returns the paths written. */
    public static List<Path> write(Path dir, RunSummary summary, Histogram responseTimes, Histogram serviceTimes)
            throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(SUMMARY);
        writeSummary(json, summary);
        Path latency = dir.resolve(LATENCY_HGRM);
        writeHgrm(latency, responseTimes);
        Path service = dir.resolve(SERVICE_HGRM);
        writeHgrm(service, serviceTimes);
        Path html = dir.resolve(HTML);
        Files.writeString(html, HtmlReport.render(summary, responseTimes, serviceTimes), StandardCharsets.UTF_8);
        return List.of(json, latency, service, html);
    }

    /** Writes the summary as indented JSON. */
    public static void writeSummary(Path file, RunSummary summary) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
    }

    /** Reads a summary written by {@link #writeSummary}. */
    public static RunSummary readSummary(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), RunSummary.class);
    }

    private static void writeHgrm(Path file, Histogram histogram) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
                PrintStream print = new PrintStream(stream, false, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(print, TICKS_PER_HALF_DISTANCE, NANOS_PER_MS);
        }
    }
}
