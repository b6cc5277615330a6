package org.fargatedsp.bidder.campaign.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.table.CampaignItem;
import org.fargatedsp.bidder.campaign.table.CampaignTable;
import org.fargatedsp.bidder.campaign.table.CampaignTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * {@code campaigns import}, {@code export} and {@code validate} as a user runs them, against moto through the real
 * SDK client: exit codes, what goes to stdout and stderr, what the table holds after.
 */
@ExtendWith(MotoExtension.class)
class CampaignsCliTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final String VALID = "{\"id\":\"%s\",\"adomain\":[\"a.example\"],\"bid_cpm\":1.5,"
            + "\"daily_budget\":100,\"creatives\":[{\"id\":\"cr\",\"type\":\"banner\",\"w\":300,\"h\":250,"
            + "\"adm\":\"%s\"}]}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> env;
    private DynamoDbClient dynamoDb;

    @BeforeEach
    void environment(MotoServer moto, DynamoDbClient client) {
        env = moto.awsEnvironment();
        dynamoDb = client;
    }

    @Test
    void validatesAFile() throws IOException {
        assertThat(run("validate", embedded().toString())).isZero();

        assertThat(out.toString()).isEqualTo(embedded() + ": 8 campaigns, all valid\n");
    }

    @Test
    void validateListsEveryInvalidCampaignWithItsIdAndItsReason() throws IOException {
        Path file = file(valid("good"), "{\"id\":\"no-bid\",\"adomain\":[\"a.example\"],\"daily_budget\":1,"
                + "\"creatives\":[{\"id\":\"cr\",\"type\":\"banner\",\"adm\":\"x\"}]}", valid("good"), "{}");

        assertThat(run("validate", file.toString())).isEqualTo(1);

        assertThat(err.toString().lines()).containsExactly(
                file + ": 3 of 4 campaigns are invalid",
                "  no-bid: campaigns[1].bid_cpm is required",
                "  no-bid: campaigns[1].creatives[0]: a banner needs a positive w and h",
                "  good: campaigns[2].id \"good\" is used by another campaign",
                "  campaigns[3]: campaigns[3].id is required",
                "  campaigns[3]: campaigns[3].adomain must list at least one value",
                "  campaigns[3]: campaigns[3].bid_cpm is required",
                "  campaigns[3]: campaigns[3].creatives must list at least one creative");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCampaignTooLargeForADynamoDbItemIsInvalid() throws IOException {
        Path file = file(valid("small"), String.format(VALID, "huge", "x".repeat(CampaignItem.MAX_ITEM_BYTES)));

        assertThat(run("validate", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("1 of 2 campaigns are invalid")
                .contains("  huge: its DynamoDB item would be ").contains("more than the 409600 an item may hold");
    }

    @Test
    void importCreatesTheTableWithItsIndexAndExportWritesTheSameCampaignsBack() throws IOException {
        assertThat(run("import", embedded().toString(), "--table", "dsp")).isZero();

        assertThat(out.toString()).isEqualTo("imported " + embedded() + " into dsp: 8 new, 0 changed, 0 unchanged,"
                + " 0 deleted\n");
        assertThat(err.toString()).contains("creating table dsp with its index by_updated_at");
        TableDescription table = dynamoDb.describeTable(b -> b.tableName("dsp")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo(CampaignTable.INDEX);
            assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        });
        assertThat(table.itemCount()).isEqualTo(8);

        assertThat(export("dsp")).isZero();
        Path exported = Files.writeString(dir.resolve("exported.json"), out.toString());
        assertThat(byId(read(exported))).isEqualTo(byId(read(embedded())));

        assertThat(run("import", exported.toString(), "--table", "dsp")).isZero();
        assertThat(out.toString()).endsWith(": 0 new, 0 changed, 8 unchanged, 0 deleted\n");
    }

    @Test
    void importWritesNothingWhenAnyCampaignIsInvalidAndListsEach() throws IOException {
        Path file = file(valid("fine"), "{\"id\":\"broken\"}", valid("also-fine"));

        assertThat(run("import", file.toString(), "--table", "dsp")).isEqualTo(1);

        assertThat(err.toString()).startsWith(file + ": 1 of 3 campaigns are invalid; nothing was written\n")
                .contains("  broken: campaigns[1].adomain must list at least one value");
        assertThat(dynamoDb.listTables().tableNames()).as("not even the table").isEmpty();

        CampaignTable dsp = new CampaignTable(dynamoDb, "dsp");
        dsp.create();
        assertThat(run("import", file.toString(), "--table", "dsp")).isEqualTo(1);
        assertThat(dsp.scan(1)).isEmpty();
    }

    @Test
    void importWritesOnlyWhatChangedAndPruneMarksDeletedWhatTheFileNoLongerHas() throws IOException {
        assertThat(run("import", file(valid("a"), valid("b"), valid("c")).toString(), "--table", "dsp")).isZero();

        Path next = file(valid("a"), String.format(VALID, "b", "changed"));
        assertThat(run("import", next.toString(), "--table", "dsp", "--prune", "--dry-run")).isZero();
        assertThat(out.toString()).endsWith("would import " + next + " into dsp: 0 new, 1 changed, 1 unchanged,"
                + " 1 deleted\n");
        assertThat(run("import", next.toString(), "--table", "dsp", "--prune")).isZero();

        assertThat(out.toString()).endsWith(": 0 new, 1 changed, 1 unchanged, 1 deleted\n");
        Map<String, AttributeValue> c = dynamoDb.getItem(b -> b.tableName("dsp")
                .key(Map.of("id", AttributeValue.fromS("c")))).item();
        assertThat(c.get("status").s()).isEqualTo("deleted");
        assertThat(c.get("updated_at").n()).isEqualTo(Long.toString(NOW));
        assertThat(export("dsp")).isZero();
        assertThat(read(Files.writeString(dir.resolve("after.json"), out.toString())))
                .extracting(Campaign::id).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        assertThat(run("import", embedded().toString(), "--table", "dsp", "--dry-run")).isZero();

        assertThat(out.toString()).isEqualTo("would import " + embedded() + " into dsp (created): 8 new, 0 changed,"
                + " 0 unchanged, 0 deleted\n");
        assertThat(dynamoDb.listTables().tableNames()).isEmpty();
    }

    @Test
    void exportLeavesOutAndListsItemsThatHoldNoCampaign() throws IOException {
        CampaignTable dsp = new CampaignTable(dynamoDb, "dsp");
        dsp.create();
        CampaignTables.put(dsp, CampaignTables.campaigns(2, 1.5), NOW);
        dynamoDb.putItem(b -> b.tableName("dsp").item(Map.of("id", AttributeValue.fromS("junk"),
                "campaign", AttributeValue.fromS("not json"))));

        assertThat(export("dsp")).isEqualTo(1);

        assertThat(err.toString()).startsWith("item junk left out: ");
        assertThat(read(Files.writeString(dir.resolve("out.json"), out.toString()))).extracting(Campaign::id)
                .containsExactly("c-0", "c-1");
    }

    @Test
    void aBadCommandLineExits2AndSaysWhy() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("import", "campaigns.json")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--table=TABLE'");
        assertThat(run("vacuum")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'vacuum'");
    }

    @Test
    void aFileThatCannotBeReadOrIsNoCampaignFileExits1() throws IOException {
        assertThat(run("validate", dir.resolve("missing.json").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("campaigns: cannot read " + dir.resolve("missing.json"));

        Path notJson = Files.writeString(dir.resolve("c.json"), "{\"campaigns\": [");
        assertThat(run("import", notJson.toString(), "--table", "dsp")).isEqualTo(1);
        assertThat(err.toString()).contains("campaigns: " + notJson + " is not a campaign file:\n  Unexpected end");
    }

    @Test
    void aFailedDynamoDbCallExits3NamingTheCallWithoutAStackTrace() throws IOException {
        assertThat(export("nowhere")).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("campaigns: DynamoDB Scan on table nowhere failed:"
                + " ResourceNotFoundException: Requested resource not found\n");

        assertThat(run("import", embedded().toString(), "--table", "dsp", "--endpoint-url", "http://127.0.0.1:1"))
                .isEqualTo(3);
        assertThat(err.toString()).startsWith("campaigns: DynamoDB DescribeTable on table dsp failed: ")
                .doesNotContain("\tat ");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CampaignsCommand.run(args, new CliContext(env, new PrintWriter(out), new PrintWriter(err), () -> NOW));
    }

    private int export(String table) {
        return run("export", "--table", table);
    }

    /** The embedded campaigns as a file. */
    private Path embedded() throws IOException {
        Path file = dir.resolve("default.json");
        if (!Files.exists(file)) {
            try (InputStream in = FileCampaignSource.class.getResourceAsStream(FileCampaignSource.EMBEDDED_RESOURCE)) {
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }

    private Path file(String... campaigns) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "campaigns", ".json"),
                "{\"campaigns\":[" + String.join(",", campaigns) + "]}");
    }

    private static String valid(String id) {
        return String.format(VALID, id, "<a>ad</a>");
    }

    private static List<Campaign> read(Path file) throws IOException {
        return CampaignFile.read(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString(), null);
    }

    private static List<Campaign> byId(List<Campaign> campaigns) {
        List<Campaign> sorted = new ArrayList<>(campaigns);
        sorted.sort(Comparator.comparing(Campaign::id));
        return sorted;
    }
}
