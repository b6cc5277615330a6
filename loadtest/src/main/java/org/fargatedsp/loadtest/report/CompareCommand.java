package org.fargatedsp.loadtest.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loadtest compare}: prints two runs' summaries side by side and the ratio of their throughputs. */
@Command(name = "compare",
        description = "Prints two runs' figures side by side and the subject's throughput over the reference's.")
public final class CompareCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "REFERENCE_JSON", description = "summary.json of the reference run (the baseline).")
    Path reference;

    @Parameters(index = "1", paramLabel = "SUBJECT_JSON", description = "summary.json of the subject run (the bidder).")
    Path subject;

    @Option(names = "--reference-name", defaultValue = "baseline", description = "Column name (default ${DEFAULT-VALUE}).")
    String referenceName;

    @Option(names = "--subject-name", defaultValue = "bidder", description = "Column name (default ${DEFAULT-VALUE}).")
    String subjectName;

    @Option(names = "--min-ratio", paramLabel = "R", description = "Exit 1 when the throughput ratio is below this.")
    Double minRatio;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Comparison comparison;
        try {
            comparison = new Comparison(referenceName, ReportFiles.readSummary(reference), subjectName,
                    ReportFiles.readSummary(subject));
        } catch (IOException e) {
            spec.commandLine().getErr().println("loadtest compare: cannot read a summary: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().print(comparison.render());
        spec.commandLine().getOut().flush();
        if (minRatio != null && comparison.throughputRatio() < minRatio) {
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "loadtest compare: throughput ratio %.3f is below %s", comparison.throughputRatio(),
                    TextReport.number(minRatio)));
            return 1;
        }
        return 0;
    }
}
