package org.fargatedsp.loadtest.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtest bid-log}: what a stopped bidder's bid log wrote and dropped, from its log ({@link BidLogCounts}). */
@Command(name = "bid-log",
        description = "Prints what the bidder's bid log wrote and dropped, by cause, from the JSON line the bidder logs"
                + " on stopping; prints nothing for a server that logs no such line (the baseline).",
        footer = "%nExit codes: 0 done, 2 the log could not be read.")
public final class BidLogCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SERVER_LOG", description = "The server's stdout and stderr.")
    Path log;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BidLogCounts counts;
        // An InputStreamReader replaces bytes that are not UTF-8 rather than failing on them.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            counts = BidLogCounts.fromLog(reader.lines());
        } catch (IOException | UncheckedIOException e) {
            spec.commandLine().getErr().println("loadtest bid-log: cannot read " + log + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        if (counts != null) {
            spec.commandLine().getOut().println(counts.render());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
