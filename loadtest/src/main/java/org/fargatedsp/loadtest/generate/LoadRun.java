package org.fargatedsp.loadtest.generate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.fargatedsp.loadtest.client.LoadClient;
import org.fargatedsp.loadtest.client.WireRequests;
import org.fargatedsp.loadtest.corpus.Corpus;
import org.fargatedsp.loadtest.corpus.CorpusDocument;
import org.fargatedsp.loadtest.corpus.CorpusException;
import org.fargatedsp.loadtest.corpus.CorpusLoader;
import org.fargatedsp.loadtest.report.Criteria;
import org.fargatedsp.loadtest.report.ProgressReporter;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunRecorder;
import org.fargatedsp.loadtest.report.RunSettings;
import org.fargatedsp.loadtest.report.RunSummary;
import org.fargatedsp.loadtest.report.TextReport;
import org.fargatedsp.loadtest.schedule.RunPlan;
import org.fargatedsp.loadtest.transport.NativeTransport;

/**
 * One run of the load generator from a valid {@link Config}: loads the corpus, connects, sends on
 * the open-loop schedule while printing progress to {@code err}, then prints the report to
 * {@code out}, writes the report files and returns the exit code.
 */
public final class LoadRun {
    /** Lead time between connecting and the first request, so every thread starts on the same clock. */
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Extra time allowed after the last request's timeout before the run is declared stuck. */
    private static final long FINISH_GRACE_MS = 5_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Config config;
    private final PrintStream out;
    private final PrintStream err;

    public LoadRun(Config config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Runs and returns an {@link ExitCode}; every error is reported as one line on {@code err}. */
    public int run() throws InterruptedException {
        Corpus corpus;
        try {
            List<CorpusDocument> documents = config.corpusDir() == null
                    ? CorpusLoader.builtIn()
                    : CorpusLoader.directory(config.corpusDir());
            corpus = Corpus.of(documents, config.variants(), config.seed());
        } catch (CorpusException e) {
            err.println("loadtest: " + e.getMessage());
            return ExitCode.USAGE;
        }
        NativeTransport transport = NativeTransport.best();
        WireRequests requests = new WireRequests(corpus, config.target(), ThreadLocalRandom.current().nextInt());
        RunRecorder recorder = new RunRecorder();
        try (LoadClient client = new LoadClient(transport, config.target(), requests, config.threads(),
                config.connections(), config.connectTimeoutMs())) {
            try {
                client.connect(config.connectTimeoutMs() + FINISH_GRACE_MS);
            } catch (ConnectException e) {
                err.println("loadtest: " + e.getMessage());
                return ExitCode.USAGE;
            }
            String startedAt = Instant.now().toString();
            long start = System.nanoTime() + START_LEAD_NANOS;
            RunPlan plan = new RunPlan(start, config.ratePerSecond(), config.totalRequests(),
                    start + config.warmupS() * NANOS_PER_SECOND, TimeUnit.MILLISECONDS.toNanos(config.timeoutMs()));
            ProgressReporter progress = new ProgressReporter(recorder, config.warmupS(),
                    config.progress() ? err : null);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "loadtest-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(progress, start + NANOS_PER_SECOND - System.nanoTime(), NANOS_PER_SECOND,
                    TimeUnit.NANOSECONDS);
            boolean finished = awaitFinish(client, plan, recorder);
            ticker.shutdown();
            ticker.awaitTermination(FINISH_GRACE_MS, TimeUnit.MILLISECONDS);
            progress.finish();
            if (!finished) {
                err.println("loadtest: some requests were still unanswered " + FINISH_GRACE_MS
                        + " ms after their timeout; the counts below leave them out");
            }
            RunSettings settings = new RunSettings(config.target().url(), config.ratePerSecond(), config.durationS(),
                    config.warmupS(), config.connections(), config.threads(), config.timeoutMs(), corpusLabel(),
                    corpus.templates().size(), transport.name().toLowerCase(Locale.ROOT), startedAt);
            Histogram responseTimes = recorder.takeResponseTimes();
            Histogram serviceTimes = recorder.takeServiceTimes();
            RunSummary summary = RunSummary.of(settings, recorder.measuredCounts(),
                    client.stats().replacedCount(), client.stats().connectFailureCount(), responseTimes,
                    serviceTimes, progress.minutes(), progress.seconds(), progress.generatorCpuCores());
            summary = summary.withFailures(
                    new Criteria(config.failOnErrors(), config.maxP99Ms(), config.maxP999Ms()).failures(summary));
            return report(summary, responseTimes, serviceTimes);
        }
    }

    private boolean awaitFinish(LoadClient client, RunPlan plan, RunRecorder recorder) throws InterruptedException {
        // The last request may wait a timeout for a connection and then a timeout for its answer.
        long boundNanos = plan.endNanos() + 2 * plan.timeoutNanos() + TimeUnit.MILLISECONDS.toNanos(FINISH_GRACE_MS)
                - System.nanoTime();
        try {
            client.start(plan, recorder).get(Math.max(boundNanos, 0), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    private int report(RunSummary summary, Histogram responseTimes, Histogram serviceTimes) {
        out.print(TextReport.render(summary));
        try {
            List<Path> files = ReportFiles.write(config.outDir(), summary, responseTimes, serviceTimes);
            if (config.jsonFile() != null) {
                ReportFiles.writeSummary(config.jsonFile(), summary);
            }
            out.println("files      " + String.join(" ", files.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            err.println("loadtest: cannot write the report files to " + config.outDir() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        out.flush();
        return summary.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private String corpusLabel() {
        String base = config.corpusDir() == null ? "built-in IAB examples" : config.corpusDir().toString();
        return config.variants() == 0 ? base : base + " + " + config.variants() + " variants";
    }
}
