package org.fargatedsp.shipper.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.NoticeRecord;
import org.fargatedsp.bidlog.RecordType;
import org.fargatedsp.shipper.channel.ReadyFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/bid-log.md's local views and example queries, the text as the page shows it, through DuckDB over gzip
 * objects written in the shipper's layout, and checks the answers and that the local views have the Athena
 * table's columns.
 */
class LocalQueryTest {
    private static final Path PAGE = Path.of("../../docs/bid-log.md");
    private static final long H0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
    private static final long H1 = H0 + 3_600_000;
    private static final long NEXT_DAY_01 = H0 + 25 * 3_600_000L;
    private static final String VERSION = "1.4.0";

    @TempDir
    static Path shipped;

    private static DocSql doc;
    private static ShippedObjects objects;
    private static Connection duckdb;

    @BeforeAll
    static void shipAndOpen() throws IOException, SQLException {
        doc = DocSql.read(PAGE);
        objects = new ShippedObjects(shipped, "bid-log/prod");
        objects.ship(new ReadyFile("task-a", 1, "bids-task-a-0000000001.jsonl"), 4, taskA());
        objects.ship(new ReadyFile("task-b", 7, "bids-task-b-0000000007.jsonl"), 4, taskB());
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duckdb.createStatement()) {
            // The page starts DuckDB in the output directory; a test cannot change its working directory.
            s.execute("SET file_search_path = '" + shipped + "'");
            for (String statement : doc.statements("local: views")) {
                s.execute(statement);
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void campaignHoursCountBidsWinsAndSpendInTheHourOfTheBid() throws SQLException {
        assertThat(rows(doc.block("query: campaign-hours"))).containsExactly(
                // c-1's b1 won and was billed twice (a repeat), b2 lost; r7 was a test request.
                "2026|01|01|00|c-1|USD|2|1|0.5|0.0015",
                // c-2's win and billing came in the next hour; they count for the bid's.
                "2026|01|01|00|c-2|USD|1|1|1.0|0.0025",
                // Won twice (a repeat), never billed.
                "2026|01|01|01|c-1|USD|1|1|1.0|0.0");
    }

    @Test
    void noBidReasonsAreCountedPerExchangeForTheDay() throws SQLException {
        assertThat(rows(doc.block("query: no-bid-reasons"))).containsExactly(
                "(none)|overloaded|1|1.0",
                // r11, the next day's, is outside the partitions.
                "ex-a|no_match|2|1.0",
                "ex-b|below_floor|1|0.3333",
                "ex-b|budget|1|0.3333",
                "ex-b|no_match|1|0.3333");
    }

    @Test
    void everyQueryOnThePageIsRunHere() {
        assertThat(doc.markers("query")).containsExactly("query: campaign-hours", "query: no-bid-reasons");
    }

    @Test
    void everyRecordIsReadOnceInThePartitionOfItsOwnTs() throws SQLException {
        assertThat(objects.keys()).contains(
                "bid-log/prod/year=2026/month=01/day=01/hour=00/bids-task-b-0000000007-0000000001-0000000004.jsonl.gz",
                "bid-log/prod/year=2026/month=01/day=01/hour=01/bids-task-b-0000000007-0000000001-0000000004.jsonl.gz");
        List<String> expected = new ArrayList<>();
        for (BidLogRecord r : Stream.concat(taskA().stream(), taskB().stream()).toList()) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(r.ts(), 1000), 0, ZoneOffset.UTC);
            expected.add(String.format("%d|%02d|%02d|%02d|%d|%s|%s", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), r.ts(), r.type().code(), r.taskId()));
        }
        assertThat(rows("SELECT year, month, day, hour, ts, type, task_id FROM bid_log"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void localTableHasTheAthenaTablesColumnsAndTypesInOrder() throws SQLException {
        Map<String, String> athena = athenaColumns();
        assertThat(columns("bid_log")).isEqualTo(athena);
    }

    @Test
    void athenaTableHasAColumnForEveryFieldTheEncoderWrites() throws IOException {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> bidFields = new LinkedHashSet<>();
        JsonFactory json = new JsonFactory();
        for (String key : objects.keys()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(shipped.resolve(key)));
                 JsonParser p = json.createParser(in)) {
                collectFields(p, fields, bidFields);
            }
        }
        Map<String, String> athena = athenaColumns();
        fields.addAll(List.of("year", "month", "day", "hour"));
        assertThat(athena.keySet()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(bidsStructFields(athena.get("bids"))).containsExactlyElementsOf(bidFields);
    }

    @Test
    void localBidEntriesViewHasTheAthenaViewsColumns() throws SQLException {
        Matcher select = Pattern.compile("SELECT (.*?)\\nFROM", Pattern.DOTALL).matcher(doc.block("athena: bid_entries"));
        assertThat(select.find()).isTrue();
        List<String> athena = new ArrayList<>();
        for (String column : select.group(1).split(",")) {
            athena.add(column.strip().replaceFirst("^\\w+\\.", ""));
        }
        assertThat(columns("bid_entries").keySet()).containsExactlyElementsOf(athena);
    }

    private static List<String> bidsStructFields(String duckDbType) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?:\\(|, )(\\w+) ").matcher(duckDbType);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void collectFields(JsonParser p, Set<String> fields, Set<String> bidFields) throws IOException {
        int depth = 0;
        boolean inBids = false;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (depth == 1) {
                        inBids = false;
                    }
                }
                case FIELD_NAME -> {
                    if (depth == 1) {
                        fields.add(p.currentName());
                        inBids = p.currentName().equals("bids");
                    } else if (inBids && depth == 3) {
                        bidFields.add(p.currentName());
                    }
                }
                default -> { }
            }
        }
    }

    /** The Athena DDL's columns, then its partition columns, with their types in DuckDB's names. */
    private static Map<String, String> athenaColumns() {
        String ddl = doc.block("athena: bid_log");
        Map<String, String> columns = new LinkedHashMap<>();
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)\nPARTITIONED BY"));
        for (String column : body.split(",\\n(?=  \\w)")) {
            String[] nameType = column.strip().split("\\s+", 2);
            columns.put(nameType[0], HiveTypes.toDuckDb(nameType[1]));
        }
        Matcher partitions = Pattern.compile("PARTITIONED BY \\((.*?)\\)").matcher(ddl);
        assertThat(partitions.find()).isTrue();
        for (String column : partitions.group(1).split(",")) {
            String[] nameType = column.strip().split("\\s+", 2);
            columns.put(nameType[0], HiveTypes.toDuckDb(nameType[1]));
        }
        return columns;
    }

    private static Map<String, String> columns(String view) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = duckdb.createStatement(); ResultSet r = s.executeQuery("DESCRIBE " + view)) {
            while (r.next()) {
                columns.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return columns;
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = duckdb.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : "|").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    // Task a: hour 0. r1 wins and is billed twice; r2 bids for two campaigns, one bid loses; r7 is a test request.
    private static List<BidLogRecord> taskA() {
        String task = "task-a";
        return List.of(
                bid(H0 + 1_000, "r1", "ex-a", false, task, entry("1", "b1", "c-1", 2_000_000)),
                bid(H0 + 2_000, "r2", "ex-a", false, task, entry("1", "b2", "c-1", 1_000_000),
                        entry("2", "b3", "c-2", 3_000_000)),
                noBid(H0 + 3_000, "r3", "ex-b", "no_match", task),
                notice(RecordType.WIN, H0 + 4_000, "r1", "1", "b1", "c-1", 1_500_000, task),
                notice(RecordType.BILLING, H0 + 5_000, "r1", "1", "b1", "c-1", 1_500_000, task),
                notice(RecordType.BILLING, H0 + 5_500, "r1", "1", "b1", "c-1", 1_500_000, task),
                noBid(H0 + 6_000, "r4", "ex-b", "below_floor", task),
                new NoticeRecord(RecordType.LOSS, H0 + 7_000, "r2", "1", "b2", "c-1", "cr-1", 1_200_000, "USD", 102,
                        task, VERSION),
                bid(H0 + 8_000, "r7", "ex-a", true, task, entry("1", "b7", "c-1", 5_000_000)),
                notice(RecordType.WIN, H0 + 9_000, "r7", "1", "b7", "c-1", 4_000_000, task));
    }

    // Task b: the end of hour 0, then hour 1 (its first batch spans both), then the next day.
    private static List<BidLogRecord> taskB() {
        String task = "task-b";
        return List.of(
                noBid(H0 + 3_500_000, "r5", "ex-a", "no_match", task),
                noBid(H0 + 3_590_000, null, null, "overloaded", task),
                notice(RecordType.WIN, H1 + 1_000, "r2", "2", "b3", "c-2", 2_500_000, task),
                notice(RecordType.BILLING, H1 + 2_000, "r2", "2", "b3", "c-2", 2_500_000, task),
                bid(H1 + 3_000, "r8", "ex-b", false, task, entry("1", "b8", "c-1", 2_000_000)),
                notice(RecordType.WIN, H1 + 4_000, "r8", "1", "b8", "c-1", 1_000_000, task),
                notice(RecordType.WIN, H1 + 4_500, "r8", "1", "b8", "c-1", 1_000_000, task),
                noBid(H1 + 5_000, "r9", "ex-b", "budget", task),
                noBid(H1 + 6_000, "r10", "ex-a", "no_match", task),
                noBid(NEXT_DAY_01, "r11", "ex-a", "no_match", task));
    }

    private static BidEntry entry(String impId, String bidId, String campaignId, long priceMicros) {
        return new BidEntry(impId, bidId, "seat-1", campaignId, "cr-1", null, priceMicros, "USD");
    }

    private static BidRecord bid(long ts, String requestId, String exchange, boolean test, String task,
            BidEntry... bids) {
        String[] impIds = new String[bids.length];
        for (int i = 0; i < bids.length; i++) {
            impIds[i] = bids[i].impId();
        }
        return BidRecord.bid(ts, requestId, exchange, impIds, bids, 800, test, task, VERSION);
    }

    private static BidRecord noBid(long ts, String requestId, String exchange, String reason, String task) {
        String[] impIds = requestId == null ? new String[0] : new String[] {"1"};
        return BidRecord.noBid(ts, requestId, exchange, impIds, reason, 120, false, task, VERSION);
    }

    private static NoticeRecord notice(RecordType type, long ts, String requestId, String impId, String bidId,
            String campaignId, long priceMicros, String task) {
        return new NoticeRecord(type, ts, requestId, impId, bidId, campaignId, "cr-1", priceMicros, "USD",
                NoticeRecord.NO_LOSS_REASON, task, VERSION);
    }
}
