package org.fargatedsp.shipper.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.channel.ReadyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchReaderTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final ReadyFile FILE = new ReadyFile("t1", 1, "bids-t1-0000000001.jsonl");

    @TempDir
    Path dir;

    private final List<String> bad = new ArrayList<>();
    private final BadLineSink badLines = (file, line, bytes, off, len, reason) ->
            bad.add(file + ":" + line + ":" + new String(bytes, off, len, StandardCharsets.UTF_8) + ":" + reason);

    static String line(long n, long ts) {
        return "{\"schema_version\":1,\"type\":\"bid\",\"ts\":" + ts + ",\"request_id\":\"r" + n + "\",\"exchange\":null,"
                + "\"imp_ids\":[\"1\"],\"outcome\":\"nobid\",\"reason\":\"no_match\",\"bids\":[],\"processing_us\":1,"
                + "\"test\":false,\"task_id\":\"t1\",\"version\":\"v\"}";
    }

    @Test
    void cutsBeforeTheLineThatWouldPassMaxBytesAndCountsLinesFromTheStart() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(line(i, T0 + i));
        }
        int lineBytes = lines.get(0).length() + 1;
        List<Batch> batches = readAll(write(lines), 0, 1, 3L * lineBytes + lineBytes / 2, 60_000);

        assertThat(batches).extracting(Batch::firstLine, Batch::lastLine)
                .containsExactly(tuple(1, 3), tuple(4, 6), tuple(7, 9), tuple(10, 10));
        assertThat(batches.get(1).startOffset()).isEqualTo(batches.get(0).endOffset());
        assertThat(text(batches.get(1).parts().get(0))).isEqualTo(lines.get(3) + "\n" + lines.get(4) + "\n"
                + lines.get(5) + "\n");
        assertThat(bad).isEmpty();
    }

    @Test
    void cutsAtTheFirstRecordMoreThanMaxAgeAfterTheBatchsFirst() throws IOException {
        List<String> lines = List.of(line(1, T0), line(2, T0 + 1000), line(3, T0 + 1001), line(4, T0 + 500),
                line(5, T0 + 2002));
        List<Batch> batches = readAll(write(lines), 0, 1, 1 << 20, 1000);

        assertThat(batches).extracting(Batch::firstLine, Batch::lastLine)
                .containsExactly(tuple(1, 2), tuple(3, 4), tuple(5, 5));
    }

    @Test
    void groupsABatchsLinesByTheUtcHourOfEachRecordsOwnTs() throws IOException {
        long hour = 3_600_000L;
        List<String> lines = List.of(line(1, T0 + hour - 1), line(2, T0 + hour), line(3, T0 + hour - 2),
                line(4, T0 + 2 * hour));
        List<Batch> batches = readAll(write(lines), 0, 1, 1 << 20, 10 * hour);

        assertThat(batches).hasSize(1);
        List<HourPart> parts = batches.get(0).parts();
        assertThat(parts).extracting(HourPart::epochHour, HourPart::records)
                .containsExactly(Tuple.tuple(T0 / hour, 2), Tuple.tuple(T0 / hour + 1, 1), Tuple.tuple(T0 / hour + 2, 1));
        assertThat(text(parts.get(0))).isEqualTo(lines.get(0) + "\n" + lines.get(2) + "\n");
    }

    @Test
    void readingOnFromABatchBoundaryCutsTheSameBatchesAsReadingFromTheStart() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(i % 17 == 5 ? "not json" : line(i, T0 + i * 37L));
        }
        Path file = write(lines);
        List<Batch> whole = readAll(file, 0, 1, 2048, 1000);
        Batch resumeAt = whole.get(whole.size() / 2);
        List<Batch> resumed = readAll(file, resumeAt.startOffset(), resumeAt.firstLine(), 2048, 1000);

        assertThat(resumed).extracting(Batch::firstLine, Batch::lastLine, Batch::startOffset, Batch::endOffset)
                .isEqualTo(whole.subList(whole.size() / 2, whole.size()).stream()
                        .map(b -> tuple(b.firstLine(), b.lastLine(), b.startOffset(), b.endOffset())).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"schema_version\":1,\"type\":\"bid\"}", "[1,2]", "",
            "{\"schema_version\":1,\"type\":\"bid\",\"ts\":\"soon\",\"request_id\":\"r\",\"exchange\":null,"
                    + "\"imp_ids\":[],\"outcome\":\"nobid\",\"reason\":\"x\",\"bids\":[],\"processing_us\":1,"
                    + "\"test\":false,\"task_id\":\"t1\",\"version\":\"v\"}",
            "{\"schema_version\":1,\"type\":\"bid\",\"ts\":-5,\"request_id\":\"r\",\"exchange\":null,"
                    + "\"imp_ids\":[],\"outcome\":\"nobid\",\"reason\":\"x\",\"bids\":[],\"processing_us\":1,"
                    + "\"test\":false,\"task_id\":\"t1\",\"version\":\"v\"}"})
    void aBadLineGoesToTheDeadLettersWithItsLineNumberAndTheLinesBehindItShip(String badLine) throws IOException {
        List<Batch> batches = readAll(write(List.of(line(1, T0), badLine, line(3, T0 + 1))), 0, 1, 1 << 20,
                60_000);

        assertThat(bad).hasSize(1);
        assertThat(bad.get(0)).startsWith(FILE.name() + ":2:" + badLine + ":");
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).lastLine()).isEqualTo(3);
        assertThat(batches.get(0).records()).isEqualTo(2);
        assertThat(text(batches.get(0).parts().get(0))).isEqualTo(line(1, T0) + "\n" + line(3, T0 + 1) + "\n");
    }

    @Test
    void aPartialLastLineGoesToTheDeadLettersAndTheBatchEndsAtTheFilesEnd() throws IOException {
        Path file = dir.resolve("f");
        String whole = line(1, T0) + "\n";
        Files.writeString(file, whole + "{\"schema_version\":1,\"ty");
        List<Batch> batches = readAll(file, 0, 1, 1 << 20, 60_000);

        assertThat(bad).singleElement().asString().contains(":2:{\"schema_version\":1,\"ty:partial last line");
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.endOffset()).isEqualTo(Files.size(file));
            assertThat(b.records()).isEqualTo(1);
        });
    }

    @Test
    void aLineTooLongForAnyRecordIsDeadLetteredByItsHeadAndSkipped() throws IOException {
        String huge = "x".repeat(3000);
        List<Batch> batches = readAll(write(List.of(line(1, T0), huge, line(3, T0 + 1))), 0, 1, 1024, 60_000);

        assertThat(bad).singleElement().asString().contains(":2:").contains("line longer than 1024 bytes");
        assertThat(batches).extracting(Batch::firstLine, Batch::lastLine, Batch::records)
                .containsExactly(Tuple.tuple(1L, 1L, 1), Tuple.tuple(2L, 2L, 0), Tuple.tuple(3L, 3L, 1));
    }

    private static Tuple tuple(Object... values) {
        Object[] widened = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i] instanceof Integer n ? (Object) n.longValue() : values[i];
        }
        return Tuple.tuple(widened);
    }

    private Path write(List<String> lines) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private List<Batch> readAll(Path file, long offset, long firstLine, long maxBytes, long maxAgeMs)
            throws IOException {
        List<Batch> batches = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            BatchReader reader = new BatchReader(FILE, channel, offset, firstLine, maxBytes, maxAgeMs,
                    LineCheck.fullDecode(), badLines);
            for (Batch b = reader.next(); b != null; b = reader.next()) {
                batches.add(b);
            }
        }
        return batches;
    }

    private static String text(HourPart part) {
        return new String(part.lines(), 0, part.length(), StandardCharsets.UTF_8);
    }
}
