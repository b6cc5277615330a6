package org.fargatedsp.loadtest.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.fargatedsp.loadtest.report.Comparison;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code loadtest verdict}: the compare scenario's {@code == verdict} block and exit code ({@link Verdict}). */
@Command(name = "verdict", sortOptions = false,
        description = "Says what the compare scenario passed: the throughput ratio of the subject (the bidder) over the"
                + " reference (the baseline) at their capacity against --min-ratio, the subject at half its capacity"
                + " against its latency limits, and whether the reference at half of its own capacity met the same"
                + " limits, without which this machine cannot judge them for any server.",
        footer = "%nExit codes: 0 the ratio was met and the subject passed at half its capacity (when given),"
                + " 1 not, 2 bad settings or a summary that could not be read.")
public final class VerdictCommand implements Callable<Integer> {
    public static final Key<Double> MIN_RATIO = Key.decimal("MIN_RATIO", 0, Double.MAX_VALUE).byDefault(0.5)
            .doc("the subject's (the bidder's) throughput at capacity over the reference's (the baseline's) needed");

    /** The option that sets {@link #MIN_RATIO}, which picocli takes its default from. */
    public static final OptionKeys OPTIONS = OptionKeys.none().option("--min-ratio", MIN_RATIO);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "REFERENCE_JSON", description = "summary.json of the reference at its capacity.")
    Path reference;

    @Parameters(index = "1", paramLabel = "SUBJECT_JSON", description = "summary.json of the subject at its capacity.")
    Path subject;

    @Option(names = "--subject-half", paramLabel = "JSON",
            description = "summary.json of the subject at half its capacity, run with its latency limits.")
    Path subjectHalf;

    @Option(names = "--reference-half", paramLabel = "JSON",
            description = "summary.json of the reference at half of its own capacity, run with the same limits.")
    Path referenceHalf;

    @Option(names = "--stalls", paramLabel = "FILE",
            description = "The machine's stalls as measured before the runs (loadtest stalls), named in the verdict.")
    Path stalls;

    // Read through OPTIONS, so that the flag left out keeps the variable's value.
    @Option(names = "--min-ratio", paramLabel = "R",
            description = "Subject throughput over reference throughput needed (MIN_RATIO, default ${DEFAULT-VALUE}).")
    String minRatio;

    @Option(names = "--reference-name", defaultValue = "baseline", description = "Default ${DEFAULT-VALUE}.")
    String referenceName;

    @Option(names = "--subject-name", defaultValue = "bidder", description = "Default ${DEFAULT-VALUE}.")
    String subjectName;

    @ParentCommand
    LoadTestMain loadtest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        double ratioNeeded;
        try {
            ConfigReader settings = new ConfigReader(loadtest.settings(OPTIONS, spec));
            ratioNeeded = settings.get(MIN_RATIO);
            settings.throwIfProblems();
        } catch (ConfigException e) {
            return fail("invalid settings: " + e.getMessage());
        }
        Verdict verdict;
        try {
            verdict = new Verdict(
                    new Comparison(referenceName, ReportFiles.readSummary(reference), subjectName,
                            ReportFiles.readSummary(subject)),
                    ratioNeeded, read(subjectHalf), read(referenceHalf),
                    stalls == null || stalls.getFileName() == null ? null : stalls.getFileName().toString());
        } catch (IOException e) {
            return fail("cannot read a summary: " + e.getMessage());
        }
        spec.commandLine().getOut().print(verdict.render());
        spec.commandLine().getOut().flush();
        return verdict.passed() ? 0 : 1;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("loadtest verdict: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }

    private static RunSummary read(Path file) throws IOException {
        return file == null ? null : ReportFiles.readSummary(file);
    }
}
