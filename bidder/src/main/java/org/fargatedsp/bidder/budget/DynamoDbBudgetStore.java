package org.fargatedsp.bidder.budget;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link BudgetStore} in a DynamoDB table ({@link BudgetTable}): every write is one conditional
 * {@code UpdateItem} on one row, so it is atomic without transactions. DynamoDB's condition expressions compare but
 * do not add, so the row keeps {@code reserved = spent + leased} and a grant's condition is
 * {@code reserved <= maxReserved - (spend + grant - release)}.
 */
final class DynamoDbBudgetStore implements BudgetStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoDbBudgetStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Result apply(Row row, String holder, Change change) {
        long held = change.grant() - change.release();
        long cap = change.maxReserved() == Long.MAX_VALUE ? Long.MAX_VALUE
                : change.maxReserved() - change.spend() - held;
        if (change.grant() > 0 && cap < 0) {
            return new Result(Verdict.GRANT_REFUSED, read(row));
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#q", BudgetTable.SEQ + holder);
        values.put(":q", number(change.seq()));
        values.put(":s", number(change.spend()));
        values.put(":d", number(held));
        values.put(":r", number(change.spend() + held));
        StringBuilder set = new StringBuilder("SET #q = :q");
        StringBuilder add = new StringBuilder(" ADD " + BudgetTable.SPENT + " :s, " + BudgetTable.LEASED + " :d, "
                + BudgetTable.RESERVED + " :r");
        String remove = "";
        boolean leasing = change.holding() || change.grant() > 0;
        if (leasing) {
            names.put("#h", BudgetTable.HELD + holder);
            names.put("#x", BudgetTable.EXPIRES + holder);
            if (change.expiresAtMillis() > 0) {
                set.append(", #x = :x");
                values.put(":x", number(change.expiresAtMillis()));
                add.append(", #h :d");
            } else {
                // The holder gives everything back: its lease ends.
                remove = " REMOVE #h, #x";
            }
        }
        StringBuilder condition = new StringBuilder("(attribute_not_exists(#q) OR #q < :q)");
        if (change.holding()) {
            condition.append(" AND attribute_exists(#h)");
        }
        if (change.grant() > 0 && cap != Long.MAX_VALUE) {
            condition.append(" AND (attribute_not_exists(" + BudgetTable.RESERVED + ") OR " + BudgetTable.RESERVED
                    + " <= :cap)");
            values.put(":cap", number(cap));
        }
        String update = set.toString() + add + remove;
        try {
            UpdateItemResponse response = dynamoDb.updateItem(b -> b.tableName(table).key(key(row))
                    .updateExpression(update)
                    .conditionExpression(condition.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return new Result(Verdict.APPLIED, state(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return refused(row, holder, change);
        } catch (SdkException e) {
            throw unavailable("UpdateItem", row, e);
        }
    }

    @Override
    public boolean reclaim(Row row, String holder, Lease seen) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(row))
                    .updateExpression("REMOVE #h, #x ADD " + BudgetTable.LEASED + " :n, " + BudgetTable.RESERVED
                            + " :n")
                    .conditionExpression("#h = :h AND #x = :x")
                    .expressionAttributeNames(Map.of("#h", BudgetTable.HELD + holder, "#x",
                            BudgetTable.EXPIRES + holder))
                    .expressionAttributeValues(Map.of(":n", number(-seen.held()), ":h", number(seen.held()),
                            ":x", number(seen.expiresAtMillis()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable("UpdateItem", row, e);
        }
    }

    /** Why a write's condition failed, from the row as it is now. */
    private Result refused(Row row, String holder, Change change) {
        Map<String, AttributeValue> item = item(row);
        State state = state(item);
        AttributeValue seq = item.get(BudgetTable.SEQ + holder);
        if (seq != null && Long.parseLong(seq.n()) >= change.seq()) {
            // An earlier attempt of this very write was applied and its answer lost: the SDK retried it.
            return new Result(Verdict.APPLIED, state);
        }
        if (change.holding() && !state.leases().containsKey(holder)) {
            return new Result(Verdict.LEASE_LOST, state);
        }
        return new Result(Verdict.GRANT_REFUSED, state);
    }

    @Override
    public State read(Row row) {
        return state(item(row));
    }

    private Map<String, AttributeValue> item(Row row) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(row))
                    .consistentRead(true)).item();
            return item == null ? Map.of() : item;
        } catch (SdkException e) {
            throw unavailable("GetItem", row, e);
        }
    }

    private static State state(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return State.EMPTY;
        }
        Map<String, Lease> leases = new HashMap<>();
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            if (a.getKey().startsWith(BudgetTable.HELD)) {
                String holder = a.getKey().substring(BudgetTable.HELD.length());
                AttributeValue expires = item.get(BudgetTable.EXPIRES + holder);
                leases.put(holder, new Lease(Long.parseLong(a.getValue().n()),
                        expires == null ? 0 : Long.parseLong(expires.n())));
            }
        }
        return new State(longOf(item, BudgetTable.SPENT), longOf(item, BudgetTable.LEASED),
                longOf(item, BudgetTable.RESERVED), Map.copyOf(leases));
    }

    private static long longOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Map<String, AttributeValue> key(Row row) {
        return Map.of(BudgetTable.PK, AttributeValue.fromS(BudgetTable.campaignKey(row.campaignId())),
                BudgetTable.SK, AttributeValue.fromS(row.period()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private StoreUnavailableException unavailable(String operation, Row row, SdkException e) {
        return new StoreUnavailableException(operation + " on " + table + " " + row + " failed: " + e.getMessage(), e);
    }
}
