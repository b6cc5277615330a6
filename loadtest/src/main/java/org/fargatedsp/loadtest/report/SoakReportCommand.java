package org.fargatedsp.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loadtest soak-report}: p99 and old-generation drift of a soak run. */
@Command(name = "soak-report",
        description = "Prints p99 per minute and the server's old generation after GC per minute, and their drift;"
                + " with --live-before and --live-after, also the old generation live after a full GC before and"
                + " after the soak.")
public final class SoakReportCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--summary", required = true, paramLabel = "JSON", description = "summary.json of the soak run.")
    Path summary;

    @Option(names = "--jstat", paramLabel = "FILE", description = "Output of jstat -gc -t <pid> <interval> taken during the run.")
    Path jstat;

    @Option(names = "--skip-s", defaultValue = "0", paramLabel = "S",
            description = "Leave out the first S seconds of jstat samples (the warm-up; default ${DEFAULT-VALUE}).")
    double skipS;

    @Option(names = "--after-gc", paramLabel = "CSV",
            description = "Also write the old generation after each collection to this CSV file.")
    Path afterGc;

    @Option(names = "--live-before", paramLabel = "FILE",
            description = "jstat -gc -t <pid> taken right after a full GC (jcmd <pid> GC.run) before the load.")
    Path liveBefore;

    @Option(names = "--live-after", paramLabel = "FILE", description = "The same, taken after the soak.")
    Path liveAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            SoakReport report = new SoakReport(ReportFiles.readSummary(summary), samples(jstat), skipS);
            String live = SoakReport.liveAfterFullGc(samples(liveBefore), samples(liveAfter));
            if (afterGc != null) {
                Files.writeString(afterGc, report.afterGcCsv());
            }
            spec.commandLine().getOut().print(report.render() + live);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("loadtest soak-report: cannot read input: " + e.getMessage());
            return 2;
        }
    }

    private static List<GcSample> samples(Path file) throws IOException {
        return file == null ? List.of() : GcSample.parse(Files.readAllLines(file));
    }
}
