package org.fargatedsp.bidder.budget;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The layout of the budget table (README, "Budgets and pacing"), which may also hold the notices claimed across
 * tasks: a string partition key {@value #PK} and sort key {@value #SK}; budget rows under
 * {@code campaign#<id>}, claimed notices under {@code notice#<128-bit key in hex>} with the TTL attribute
 * {@value #EXPIRES_AT}.
 */
public final class BudgetTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String SPENT = "spent";
    public static final String LEASED = "leased";
    public static final String RESERVED = "reserved";
    /** Per holder: what it holds, until when (epoch ms) and its last write's sequence number. */
    public static final String HELD = "held:";
    public static final String EXPIRES = "expires:";
    public static final String SEQ = "seq:";
    /** The notices' TTL attribute, epoch seconds (DynamoDB TTL deletes expired items within days, not at once). */
    public static final String EXPIRES_AT = "expires_at";

    private BudgetTable() {}

    /** The partition key of a campaign's rows. */
    static String campaignKey(String campaignId) {
        return "campaign#" + campaignId;
    }

    /**
     * Creates the table on demand capacity and waits until it is active; the notices' TTL is left to the operator
     * (README gives the command), since until it is on, expired notices are only overwritten, never deleted.
     */
    public static void create(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }
}
