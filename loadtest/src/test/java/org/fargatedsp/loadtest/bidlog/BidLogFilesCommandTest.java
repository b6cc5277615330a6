package org.fargatedsp.loadtest.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidlog.BidLogReader;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.RecordType;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidLogFilesCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesEveryLineValidIntoReadyFilesOfTheTaskInOrder() throws IOException {
        assertThat(execute("--lines", "10001", "--files", "3", dir.toString())).isEqualTo(0);

        String task = "8f03e41243824aea923aca126495f665";
        List<Path> files = BidLogFileNames.listReady(dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                BidLogFileNames.readyName(task, 1), BidLogFileNames.readyName(task, 2),
                BidLogFileNames.readyName(task, 3));
        List<BidLogRecord> records = new ArrayList<>();
        long bytes = 0;
        for (Path file : files) {
            records.addAll(BidLogReader.readAll(file));
            bytes += Files.size(file);
        }
        assertThat(records).hasSize(10001);
        assertThat(records).allSatisfy(r -> assertThat(r.taskId()).isEqualTo(task));
        assertThat(records).extracting(BidLogRecord::ts).isSorted();
        Map<RecordType, Integer> types = new EnumMap<>(RecordType.class);
        records.forEach(r -> types.merge(r.type(), 1, Integer::sum));
        assertThat(types).containsOnlyKeys(RecordType.values());
        // The benchmark's 2,000,000 lines come to about 655 MB: about 327 bytes a line, with an ECS task id.
        assertThat(bytes / records.size()).isBetween(310L, 345L);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("10001 lines, " + bytes + " bytes in 3 files in " + dir + "\n");
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        assertThat(execute("--lines", "500", "--files", "1", "--task", "t", dir.resolve("a").toString())).isEqualTo(0);
        assertThat(execute("--lines", "500", "--files", "1", "--task", "t", dir.resolve("b").toString())).isEqualTo(0);
        assertThat(execute("--lines", "500", "--files", "1", "--task", "t", "--seed", "16", dir.resolve("c").toString()))
                .isEqualTo(0);

        String name = BidLogFileNames.readyName("t", 1);
        byte[] a = Files.readAllBytes(dir.resolve("a").resolve(name));
        assertThat(Files.readAllBytes(dir.resolve("b").resolve(name))).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("c").resolve(name))).isNotEqualTo(a);
    }

    @Test
    void moreFilesThanLinesIsExitCode2() {
        assertThat(execute("--lines", "2", "--files", "3", dir.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("loadtest bid-log-files: --lines must be");
    }

    private int execute(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "bid-log-files";
        System.arraycopy(args, 0, argv, 1, args.length);
        return LoadTestMain.execute(argv, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
