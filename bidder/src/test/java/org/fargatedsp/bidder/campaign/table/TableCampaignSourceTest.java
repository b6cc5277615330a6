package org.fargatedsp.bidder.campaign.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignSource.Loaded;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB campaign source against moto through the real SDK client: one snapshot from a whole read, refreshes
 * that read only the items changed (counted from the responses the client received), a whole read every Nth
 * refresh, tombstones and paused campaigns, and invalid items left out without stopping the others.
 */
class TableCampaignSourceTest {
    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension();
    private static final long WRITTEN = 1_767_225_600_000L;
    private static final CampaignTables.ItemsRead READS = new CampaignTables.ItemsRead();
    private static DynamoDbClient dynamoDb;

    private final AtomicLong clock = new AtomicLong(WRITTEN + 3_600_000);
    private final CapturedLog log = CapturedLog.of(TableCampaignSource.class);
    private CampaignTable table;

    @BeforeAll
    static void client() {
        dynamoDb = MOTO.server().dynamoDbBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(READS)).build();
    }

    @AfterAll
    static void closeClient() {
        dynamoDb.close();
    }

    @BeforeEach
    void createTable() {
        table = new CampaignTable(dynamoDb, "campaigns");
        table.create();
        READS.reset();
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void loadsTheWholeTableAsOneSnapshotOrderedById() {
        CampaignTables.put(table, CampaignTables.campaigns(12, 1.5), WRITTEN);

        Loaded loaded = source(10).loadVersioned();

        assertThat(loaded.campaigns()).hasSize(12).extracting(Campaign::id).isSorted();
        assertThat(loaded.campaigns()).allSatisfy(c -> assertThat(c.bidMicros()).isEqualTo(1_500_000));
        assertThat(READS.calls()).containsOnly("Scan");
        assertThat(READS.scanned()).isEqualTo(12);
    }

    @Test
    void aRefreshReadsOnlyTheItemsWrittenSinceTheLastReadAndAppliesThem() {
        CampaignTables.put(table, CampaignTables.campaigns(20, 1.5), WRITTEN);
        TableCampaignSource source = source(10);
        Loaded first = source.loadVersioned();
        READS.reset();
        clock.addAndGet(30_000);
        CampaignTables.put(table, List.of(TestCampaigns.campaign("c-7").bid(4.0).build()), clock.get());
        clock.addAndGet(30_000);

        Loaded second = source.reload(first);

        assertThat(READS.calls()).containsExactly("Query");
        assertThat(READS.items()).as("only the edited campaign is read").isEqualTo(1);
        assertThat(byId(second).get("c-7").bidMicros()).isEqualTo(4_000_000);
        assertThat(byId(second).get("c-6").bidMicros()).isEqualTo(1_500_000);
        assertThat(second.campaigns()).hasSize(20);
        assertThat(second.version()).isNotEqualTo(first.version());

        READS.reset();
        clock.addAndGet(30_000);
        Loaded third = source.reload(second);

        assertThat(READS.items()).as("the edit is within the margin before the last read").isEqualTo(1);
        assertThat(third.version()).as("and read again it changes nothing").isEqualTo(second.version());
        assertThat(third.campaigns()).isEqualTo(second.campaigns());

        READS.reset();
        clock.addAndGet(30_000);
        source.reload(third);

        assertThat(READS.items()).as("nothing written since").isZero();
    }

    @Test
    void readsWhatAWriterWhoseClockLagsWroteWithinTheMargin() {
        CampaignTables.put(table, CampaignTables.campaigns(3, 1.5), WRITTEN);
        TableCampaignSource source = source(10);
        Loaded first = source.loadVersioned();
        long lagging = clock.get() - TableCampaignSource.SKEW_MARGIN_MS / 2;
        CampaignTables.put(table, List.of(TestCampaigns.campaign("c-1").bid(2.0).build()), lagging);
        clock.addAndGet(1_000);

        assertThat(byId(source.reload(first)).get("c-1").bidMicros()).isEqualTo(2_000_000);
    }

    @Test
    void everyNthRefreshReadsTheWholeTable() {
        CampaignTables.put(table, CampaignTables.campaigns(5, 1.5), WRITTEN);
        TableCampaignSource source = source(3);
        Loaded loaded = source.loadVersioned();
        READS.reset();

        for (int refresh = 1; refresh <= 6; refresh++) {
            clock.addAndGet(30_000);
            loaded = source.reload(loaded);
        }

        assertThat(READS.calls()).containsExactly("Query", "Query", "Scan", "Query", "Query", "Scan");
        assertThat(READS.scanned()).isEqualTo(10);
        assertThat(READS.queried()).isZero();
    }

    @Test
    void aTombstoneRemovesItsCampaignAndAPausedStatusPausesOneAsChangesOrReadWhole() {
        CampaignTables.put(table, CampaignTables.campaigns(4, 1.5), WRITTEN);
        TableCampaignSource source = source(10);
        Loaded first = source.loadVersioned();
        clock.addAndGet(10_000);
        table.write(List.of(CampaignItem.tombstone("c-0", clock.get()), paused("c-1", clock.get())));
        clock.addAndGet(10_000);

        Loaded changed = source.reload(first);
        Loaded whole = source(10).loadVersioned();

        for (Loaded loaded : List.of(changed, whole)) {
            assertThat(loaded.campaigns()).extracting(Campaign::id).containsExactly("c-1", "c-2", "c-3");
            assertThat(byId(loaded).get("c-1").active()).isFalse();
            assertThat(byId(loaded).get("c-2").active()).isTrue();
        }
        assertThat(changed.version()).as("the same campaigns, however read").isEqualTo(whole.version());
    }

    @Test
    void anInvalidItemIsReportedOnceAndLeftOutWhileItsLastGoodVersionKeepsBidding() {
        CampaignTables.put(table, CampaignTables.campaigns(3, 1.5), WRITTEN);
        putRaw("new-broken", "{\"id\":\"new-broken\",\"adomain\":[\"a.example\"]}", WRITTEN);
        TableCampaignSource source = source(10);
        Loaded first = source.loadVersioned();
        assertThat(first.campaigns()).extracting(Campaign::id).containsExactly("c-0", "c-1", "c-2");
        clock.addAndGet(10_000);
        putRaw("c-2", "{\"id\":\"c-2\",\"bid_cpm\":\"lots\"}", clock.get());
        clock.addAndGet(10_000);

        Loaded second = source.reload(first);
        clock.addAndGet(10_000);
        source.reload(second);

        assertThat(byId(second).get("c-2").bidMicros()).as("as read before it broke").isEqualTo(1_500_000);
        assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2)
                .extracting(e -> e.getArgumentArray()[1].toString())
                .containsExactly("id=new-broken", "id=c-2");
        Map<String, Object> health = new HashMap<>();
        source.addTo(health);
        assertThat(health).containsEntry("invalid_items", 2).containsEntry("table", "campaigns")
                .containsEntry("last_read", "changes").containsEntry("reads_changes", true);
        @SuppressWarnings("unchecked")
        Map<String, String> invalid = (Map<String, String>) health.get("invalid");
        assertThat(invalid.get("new-broken")).contains("campaign.bid_cpm is required");
        assertThat(invalid.get("c-2")).contains("lots");
    }

    @Test
    void aTableWithoutTheIndexOfChangesIsReadWholeAtEveryRefresh() {
        dynamoDb.createTable(b -> b.tableName("plain").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        CampaignTable plain = new CampaignTable(dynamoDb, "plain");
        CampaignTables.put(plain, CampaignTables.campaigns(2, 1.5), WRITTEN);
        TableCampaignSource source = new TableCampaignSource(plain, null, 10, clock::get);
        Loaded loaded = source.loadVersioned();
        READS.reset();

        source.reload(source.reload(loaded));

        assertThat(READS.calls()).containsExactly("Scan", "Scan");
    }

    @Test
    void parallelSegmentsReadEveryItemOnce() {
        CampaignTables.put(table, CampaignTables.campaigns(40, 1.5), WRITTEN);

        List<Map<String, AttributeValue>> items = table.scan(4);

        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(CampaignItem.idOf(item)));
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        assertThat(TableCampaignSource.segments(0)).isEqualTo(1);
        assertThat(TableCampaignSource.segments(TableCampaignSource.SEGMENT_BYTES * 3)).isEqualTo(4);
        assertThat(TableCampaignSource.segments(Long.MAX_VALUE)).isEqualTo(TableCampaignSource.MAX_SEGMENTS);
    }

    @Test
    void aMissingTableIsAFailureNamingTheCallAndTheTable() {
        TableCampaignSource source = new TableCampaignSource(new CampaignTable(dynamoDb, "nowhere"), null, 10,
                clock::get);

        assertThatThrownBy(source::loadVersioned).isInstanceOfSatisfying(TableException.class, e -> {
            assertThat(e.operation()).isEqualTo("DescribeTable");
            assertThat(e.tableMissing()).isTrue();
            assertThat(e).hasMessageStartingWith("DynamoDB DescribeTable on table nowhere failed: "
                    + "ResourceNotFoundException");
        });
    }

    private TableCampaignSource source(int fullReloadEvery) {
        return new TableCampaignSource(table, null, fullReloadEvery, clock::get);
    }

    private static CampaignItem paused(String id, long at) {
        CampaignItem active = CampaignTables.items(List.of(TestCampaigns.campaign(id).build()), at).get(0);
        return new CampaignItem(id, CampaignItem.Status.PAUSED, active.campaign(), at);
    }

    private void putRaw(String id, String json, long at) {
        table.write(List.of(new CampaignItem(id, CampaignItem.Status.ACTIVE, json, at)));
    }

    private static Map<String, Campaign> byId(Loaded loaded) {
        Map<String, Campaign> byId = new HashMap<>();
        loaded.campaigns().forEach(c -> byId.put(c.id(), c));
        return byId;
    }
}
