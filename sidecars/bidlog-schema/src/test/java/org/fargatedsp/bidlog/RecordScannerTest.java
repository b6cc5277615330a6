package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordScannerTest {
    private static final String GOOD_WIN = "{\"schema_version\":1,\"type\":\"win\",\"ts\":1767225601000,"
            + "\"request_id\":\"req-1\",\"imp_id\":\"1\",\"bid_id\":\"b-1\",\"campaign_id\":\"c-42\","
            + "\"creative_id\":\"cr-9\",\"price\":0.98,\"cur\":\"USD\",\"loss_reason\":null,\"task_id\":\"t\","
            + "\"version\":\"1\"}";
    private final Agreement agreement = new Agreement();
    private final RecordScanner scanner = new RecordScanner();

    @Test
    void readsTheTsOfEveryGoldenLine() {
        List<String> lines = Fixtures.goldenLines();
        List<BidLogRecord> records = Fixtures.goldenRecords();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.ts(line, 0, line.length)).isEqualTo(records.get(i).ts());
        }
    }

    @Test
    void readsALineInsideALargerArray() {
        byte[] file = (Fixtures.goldenLines().get(0) + "\n" + GOOD_WIN + "\n").getBytes(StandardCharsets.UTF_8);
        int second = Fixtures.goldenLines().get(0).length() + 1;

        assertThat(scanner.ts(file, second, GOOD_WIN.length())).isEqualTo(1767225601000L);
        assertThatThrownBy(() -> scanner.ts(file, second, GOOD_WIN.length() - 1))
                .isInstanceOf(BidLogFormatException.class);
    }

    @Test
    void agreesWithParseLineOnEveryLineTheEncoderWrites() throws IOException {
        Random random = new Random(15);
        for (byte[] line : encodedLines(random, 5_000)) {
            assertThat(Agreement.reference(line)).as(Agreement.show(line)).isNotNull();
            assertThat(agreement.disagreement(line)).isNull();
        }
    }

    @Test
    void agreesWithParseLineOnAQuarterOfAMillionMutatedLines() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String line : Fixtures.goldenLines()) {
            seeds.add(line.getBytes(StandardCharsets.UTF_8));
        }
        seeds.addAll(encodedLines(new Random(16), 200));
        LineMutator mutator = new LineMutator(17);
        int accepted = 0;
        for (int i = 0; i < 250_000; i++) {
            byte[] line = mutator.mutate(seeds.get(i % seeds.size()));
            String disagreement = agreement.disagreement(line);
            assertThat(disagreement).isNull();
            if (Agreement.reference(line) != null) {
                accepted++;
            }
        }
        // Both verdicts are well represented: the mutations probe both sides of the line.
        assertThat(accepted).isBetween(10_000, 240_000);
    }

    /** Boundaries of Jackson's reading that the mutations reach only by chance; each agrees with parseLine. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ,"price":1e-6                                   | true
            ,"price":1e-7                                   | false
            ,"price":-0.0                                   | true
            ,"price":9223372036854.775807                   | true
            ,"price":9223372036854.775808                   | false
            ,"price":0.0000010                              | true
            ,"price":0e999999999                            | true
            ,"loss_reason":2147483648                       | false
            ,"x":1e99999999999999999999                     | true
            ,"x":"\\uD83D\\uDE00"                           | true
            ,"t\\u0073":5                                   | true
            ,"ts":-9223372036854775808                      | true
            ,"ts":-9223372036854775809                      | false
            ,"ts":null                                      | false
            ,"type":null                                    | false
            ,"type":"loss","type":"win"                     | true
            ,"price":"1"                                    | false
            ,"seat":1                                       | true
            ,"bids":null                                    | false
            """)
    void agreesOnBoundaries(String field, boolean accepted) {
        byte[] line = (GOOD_WIN.substring(0, GOOD_WIN.length() - 1) + field + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(Agreement.reference(line) != null).isEqualTo(accepted);
        assertThat(agreement.disagreement(line)).isNull();
    }

    @Test
    void agreesOnTheLimitsOfNumbersNamesAndNesting() {
        for (int n : new int[] {999, 1000, 1001}) {
            assertAgrees(",\"x\":" + "9".repeat(n));
            assertAgrees(",\"x\":1." + "0".repeat(n - 2));
            assertAgrees(",\"x\":1." + "0".repeat(n - 4) + "e1");
            assertAgrees(",\"x\":" + "[".repeat(n - 1) + "]".repeat(n - 1));
            assertAgrees(",\"bids\":[{\"imp_id\":\"1\",\"x\":" + "{\"y\":".repeat(n - 3) + "1" + "}".repeat(n - 3)
                    + "}]");
        }
        for (int n : new int[] {49_999, 50_000, 50_001}) {
            assertAgrees(",\"" + "a".repeat(n) + "\":1");
            assertAgrees(",\"" + "\u00e9".repeat(n) + "\":1");
            assertAgrees(",\"" + "\\u0061".repeat(n) + "\":1");
        }
        assertAgrees("\u00a0");
        byte[] bom = LineMutator.splice(LineMutator.utf8(GOOD_WIN), 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB,
            (byte) 0xBF});
        assertThat(agreement.disagreement(bom)).isNull();
    }

    /** The one kind of line the scanner rejects that parseLine reads: a zero price with a ten-digit exponent. */
    @Test
    void rejectsAZeroPriceWithAnExponentOfTenDigitsThatParseLineReads() {
        byte[] line = (GOOD_WIN.substring(0, GOOD_WIN.length() - 1) + ",\"price\":0e1234567890}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(Agreement.reference(line)).isNotNull();
        assertThatThrownBy(() -> scanner.ts(line, 0, line.length)).isInstanceOf(BidLogFormatException.class)
                .hasMessageContaining("exponent");
    }

    @Test
    void rejectsInvalidUtf8ThatALenientDecodeWouldReplace() {
        byte[] line = LineMutator.splice(LineMutator.utf8(GOOD_WIN), GOOD_WIN.indexOf("req-1"),
                GOOD_WIN.indexOf("req-1"), new byte[] {(byte) 0xC0, (byte) 0x80});

        assertThat(BidLogReader.parseLine(new String(line, StandardCharsets.UTF_8)).requestId()).contains("\ufffd");
        assertThatThrownBy(() -> scanner.ts(line, 0, line.length)).hasMessageContaining("UTF-8");
    }

    private void assertAgrees(String field) {
        byte[] line = (GOOD_WIN.substring(0, GOOD_WIN.length() - 1) + field + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(agreement.disagreement(line)).isNull();
    }

    /** Lines of random records of every type, with strings that need escaping and characters beyond ASCII. */
    static List<byte[]> encodedLines(Random random, int count) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BidLogEncoder encoder = new BidLogEncoder(out)) {
                encoder.write(record(random));
                encoder.flush();
            }
            byte[] line = out.toByteArray();
            lines.add(java.util.Arrays.copyOf(line, line.length - 1));
        }
        return lines;
    }

    private static BidLogRecord record(Random r) {
        long ts = r.nextBoolean() ? 1_767_225_600_000L + r.nextInt(1_000_000_000) : r.nextLong() >>> 1;
        String task = text(r);
        String version = text(r);
        switch (r.nextInt(4)) {
            case 0: {
                BidEntry[] bids = new BidEntry[1 + r.nextInt(3)];
                for (int k = 0; k < bids.length; k++) {
                    bids[k] = new BidEntry(text(r), text(r), r.nextBoolean() ? null : text(r), text(r), text(r),
                            r.nextBoolean() ? null : text(r), price(r), text(r));
                }
                return BidRecord.bid(ts, text(r), r.nextBoolean() ? null : text(r), texts(r), bids, r.nextInt(1 << 20),
                        r.nextBoolean(), task, version);
            }
            case 1:
                return BidRecord.noBid(ts, r.nextBoolean() ? null : text(r), r.nextBoolean() ? null : text(r),
                        texts(r), text(r), r.nextLong() >>> 1, r.nextBoolean(), task, version);
            default: {
                RecordType type = RecordType.values()[1 + r.nextInt(3)];
                boolean priced = r.nextBoolean();
                int loss = type == RecordType.LOSS && r.nextBoolean() ? r.nextInt(Integer.MAX_VALUE)
                        : NoticeRecord.NO_LOSS_REASON;
                return new NoticeRecord(type, ts, text(r), text(r), text(r), text(r), text(r),
                        priced ? price(r) : NoticeRecord.NO_PRICE, priced ? text(r) : null, loss, task, version);
            }
        }
    }

    private static long price(Random r) {
        return r.nextBoolean() ? r.nextInt(10_000_000) : r.nextLong() >>> 1;
    }

    private static String[] texts(Random r) {
        String[] t = new String[r.nextInt(4)];
        for (int k = 0; k < t.length; k++) {
            t[k] = text(r);
        }
        return t;
    }

    private static String text(Random r) {
        String[] pieces = {"a", "req-", "7", "\"", "\\", "/", "\n", "\t", "\u0001", "\u007f", "\u00e9", "\u20ac",
            "\ud83d\ude00", "\u2028", " ", "USD"};
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(6);
        for (int k = 0; k < n; k++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
