package org.fargatedsp.shipper;

import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fargatedsp.bidlog.BidLogFileNames;

/**
 * The crash tests' run: the shipper as a JVM of its own, killed with {@code kill -9} at seeded random moments
 * while a writer keeps producing and rotating files in {@code logs}, and started again each time; then it ships
 * the rest and stops on SIGTERM. The sink is the caller's: {@code stored} counts what it holds so far, so that
 * some kills come during start-up and recovery and the others while batches are being delivered.
 */
final class KillHarness {
    static final String TASK = "t1";
    private static final int LINES_PER_ROUND = 4000;
    private static final int LINES_PER_FILE = 300;

    private KillHarness() {}

    /** Runs {@code kills} rounds against {@code env}; returns every line written, in writing order. */
    static List<String> run(Path logs, Map<String, String> env, Path log, long seed, int kills,
            Callable<Integer> stored) throws Exception {
        Random random = new Random(seed);
        List<String> written = new ArrayList<>();
        Process shipper = Jvm.start(ShipperMain.class, env, log);
        try (TestWriter writer = new TestWriter(logs, TASK, 1)) {
            for (int kill = 0; kill < kills; kill++) {
                for (int i = 0; i < LINES_PER_ROUND; i++) {
                    int n = written.size();
                    String line = bid(TASK, n, T0 + n * 10L);
                    writer.write(line);
                    written.add(line);
                    if (n % LINES_PER_FILE == LINES_PER_FILE - 1) {
                        writer.rotate();
                    }
                }
                int more = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
                int target = stored.call() + more;
                eventually("the sink stored " + more + " more").until(() ->
                        stored.call() >= target || BidLogFileNames.listReady(logs).isEmpty());
                Jvm.kill9(shipper);
                shipper = Jvm.start(ShipperMain.class, env, log);
            }
        } catch (Exception | Error e) {
            Jvm.kill9(shipper);
            throw e;
        }
        eventually("every file shipped").until(() -> noBidLogFiles(logs));
        shipper.destroy();
        int exit = shipper.waitFor();
        if (exit != 0) {
            throw new AssertionError("the shipper exited " + exit + " on SIGTERM, not 0; see " + log);
        }
        return written;
    }

    /** Whether no ready or active bid-log file is left in {@code logs}. */
    static boolean noBidLogFiles(Path logs) throws IOException {
        try (Stream<Path> left = Files.list(logs)) {
            return left.noneMatch(p -> BidLogFileNames.sequenceOf(p.getFileName().toString()) >= 0);
        }
    }
}
