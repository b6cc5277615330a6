package org.fargatedsp.bidder.campaign.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The campaign table through the DynamoDB SDK client: describe and create it, read it whole (a paginated Scan, in
 * parallel segments when asked) or read what changed since a time (a Query of the {@value #INDEX} index), and write
 * items (BatchWriteItem). Every failed call is a {@link TableException} naming the call.
 */
public final class CampaignTable {
    /** The sparse index of changes: partition {@code gsi_pk} (one value), sort {@code updated_at}, every attribute. */
    public static final String INDEX = "by_updated_at";
    /** BatchWriteItem's most items a call (DynamoDB API Reference, BatchWriteItem). */
    static final int BATCH_ITEMS = 25;
    private static final int BATCH_ATTEMPTS = 10;
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);

    private final DynamoDbClient dynamoDb;
    private final String name;

    public CampaignTable(DynamoDbClient dynamoDb, String name) {
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    /** What a reader needs to know of the table: whether changes can be read alone, and its size. */
    public record Layout(boolean indexed, long sizeBytes) {}

    public String name() {
        return name;
    }

    /**
     * The table's layout (DescribeTable).
     *
     * @throws TableException when the table is missing or the call fails
     */
    public Layout describe() {
        TableDescription table = call("DescribeTable", () -> dynamoDb.describeTable(b -> b.tableName(name)).table());
        boolean indexed = false;
        for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
            indexed |= INDEX.equals(index.indexName()) && index.indexStatus() == IndexStatus.ACTIVE;
        }
        return new Layout(indexed, table.tableSizeBytes() == null ? 0 : table.tableSizeBytes());
    }

    /** Whether the table exists. */
    public boolean exists() {
        try {
            describe();
            return true;
        } catch (TableException e) {
            if (e.tableMissing()) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the table with its index, on demand capacity, and waits until it is ACTIVE. */
    public void create() {
        call("CreateTable", () -> dynamoDb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(CampaignItem.ID, ScalarAttributeType.S),
                        attribute(CampaignItem.GSI_PK, ScalarAttributeType.S),
                        attribute(CampaignItem.UPDATED_AT, ScalarAttributeType.N))
                .keySchema(key(CampaignItem.ID, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(INDEX)
                        .keySchema(key(CampaignItem.GSI_PK, KeyType.HASH), key(CampaignItem.UPDATED_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())));
        call("DescribeTable", () -> dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name),
                w -> w.waitTimeout(ACTIVE_TIMEOUT)));
    }

    /** Every item (Scan, page by page), read by {@code segments} parallel scans when more than one. */
    public List<Map<String, AttributeValue>> scan(int segments) {
        if (segments <= 1) {
            return scanSegment(null, null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "campaign-table-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Map<String, AttributeValue>>>> parts = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                parts.add(pool.submit(() -> scanSegment(s, segments)));
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (Future<List<Map<String, AttributeValue>>> part : parts) {
                items.addAll(part.get());
            }
            return items;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning " + name, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The items written after {@code sinceMillis} (a Query of {@value #INDEX}, page by page): tombstones included,
     * items without {@code updated_at} not.
     */
    public List<Map<String, AttributeValue>> changedSince(long sinceMillis) {
        return call("Query", () -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamoDb.queryPaginator(b -> b.tableName(name).indexName(INDEX)
                    .keyConditionExpression("#pk = :pk AND #at > :since")
                    .expressionAttributeNames(Map.of("#pk", CampaignItem.GSI_PK, "#at", CampaignItem.UPDATED_AT))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CampaignItem.GSI_PK_VALUE),
                            ":since", AttributeValue.fromN(Long.toString(sinceMillis)))))
                    .items().forEach(items::add);
            return items;
        });
    }

    /**
     * Writes {@code items}, {@value #BATCH_ITEMS} a call, sending again what DynamoDB leaves unprocessed (with a
     * growing pause, as the API reference asks). Each item is written whole or not at all.
     */
    public void write(List<CampaignItem> items) {
        for (int from = 0; from < items.size(); from += BATCH_ITEMS) {
            List<WriteRequest> batch = new ArrayList<>();
            for (CampaignItem item : items.subList(from, Math.min(items.size(), from + BATCH_ITEMS))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.toItem()).build()).build());
            }
            writeBatch(batch);
        }
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(name, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> requests = pending;
            BatchWriteItemResponse response = call("BatchWriteItem",
                    () -> dynamoDb.batchWriteItem(b -> b.requestItems(requests)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                if (attempt == BATCH_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB BatchWriteItem on table " + name + " left "
                            + pending.getOrDefault(name, List.of()).size() + " items unprocessed " + attempt
                            + " times: the table is throttled");
                }
                pause(50L << attempt);
            }
        }
    }

    private List<Map<String, AttributeValue>> scanSegment(Integer segment, Integer segments) {
        return call("Scan", () -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamoDb.scanPaginator(b -> b.tableName(name).segment(segment).totalSegments(segments))
                    .items().forEach(items::add);
            return items;
        });
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new TableException(operation, name, e);
        }
    }

    private static void pause(long millis) {
        try {
            // BatchWriteItem's unprocessed items are to be sent again after a backoff; there is nothing to wait on.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing campaigns", e);
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
