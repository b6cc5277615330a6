package org.fargatedsp.loadtest.bidlog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fargatedsp.bidlog.BidLogEncoder;
import org.fargatedsp.bidlog.BidLogFileNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loadtest bid-log-files}: writes ready bid-log files ({@code bids-<task>-<seq>.jsonl}) of synthetic records
 * ({@link SyntheticBidLog}) with the bidder's encoder, the input of the shipper benchmark
 * ({@code loadtest/shipper-vs-flume.sh}).
 */
@Command(name = "bid-log-files",
        description = "Writes LINES synthetic bid-log lines, as the bidder's encoder writes them, into FILES ready files"
                + " bids-<task>-<seq>.jsonl in DIR; prints the lines and bytes written.",
        footer = "%nExit codes: 0 done, 2 the files could not be written.")
public final class BidLogFilesCommand implements Callable<Integer> {
    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00Z
    private static final long SPAN_MS = 2 * 3_600_000L;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--lines", paramLabel = "N", description = "Lines in all (default ${DEFAULT-VALUE}).")
    long lines = 2_000_000;

    @Option(names = "--files", paramLabel = "N", description = "Files to spread them over (default ${DEFAULT-VALUE}).")
    int files = 10;

    @Option(names = "--task", paramLabel = "ID", description = "Task id in the names and lines (default ${DEFAULT-VALUE}).")
    String task = "8f03e41243824aea923aca126495f665";

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 15;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the files; created if missing.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (lines < 1 || files < 1 || files > lines) {
            return fail("--lines must be at least 1 and at least --files, which must be at least 1");
        }
        SyntheticBidLog records = new SyntheticBidLog(seed, task, START_MS, SPAN_MS, lines);
        long bytes = 0;
        try {
            Files.createDirectories(dir);
            long written = 0;
            for (int file = 1; file <= files; file++) {
                long upTo = lines * file / files;
                Path path = dir.resolve(BidLogFileNames.readyName(task, file));
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
                     BidLogEncoder encoder = new BidLogEncoder(out)) {
                    for (; written < upTo; written++) {
                        encoder.write(records.next());
                    }
                }
                bytes += Files.size(path);
            }
        } catch (IOException e) {
            return fail("cannot write " + dir + ": " + e.getMessage());
        }
        spec.commandLine().getOut().println(lines + " lines, " + bytes + " bytes in " + files + " files in " + dir);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("loadtest bid-log-files: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
