package org.fargatedsp.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.budget.BudgetStore.Change;
import org.fargatedsp.bidder.budget.BudgetStore.Lease;
import org.fargatedsp.bidder.budget.BudgetStore.Result;
import org.fargatedsp.bidder.budget.BudgetStore.Row;
import org.fargatedsp.bidder.budget.BudgetStore.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The budget rows' conditional writes, through the real SDK client against moto's DynamoDB. */
@ExtendWith(MotoExtension.class)
class DynamoDbBudgetStoreTest {
    private static final String TABLE = "budgets";
    private static final Row ROW = Row.day("c1", "2026-03-08");
    private static final long NOW = 1_772_928_000_000L;
    private static final long NONE = Long.MAX_VALUE;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbBudgetStore store;

    DynamoDbBudgetStoreTest(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.store = new DynamoDbBudgetStore(dynamoDb, TABLE);
    }

    /** After the extension's reset, which empties the server. */
    @BeforeEach
    void createTable() {
        BudgetTable.create(dynamoDb, TABLE);
    }

    @Test
    void grantsLeasesWhileSpentPlusLeasedStaysWithinTheLimit() {
        assertThat(apply("a", new Change(1, 0, 0, 600, 1_000, false, NOW + 60_000)).verdict())
                .isEqualTo(Verdict.APPLIED);
        Result refused = apply("b", new Change(1, 0, 0, 500, 1_000, false, NOW + 60_000));
        Result granted = apply("b", new Change(2, 100, 0, 300, 1_000, false, NOW + 60_000));

        assertThat(refused.verdict()).isEqualTo(Verdict.GRANT_REFUSED);
        assertThat(refused.state().reserved()).isEqualTo(600);
        assertThat(granted.verdict()).isEqualTo(Verdict.APPLIED);
        assertThat(granted.state()).isEqualTo(new BudgetStore.State(100, 900, 1_000,
                Map.of("a", new Lease(600, NOW + 60_000), "b", new Lease(300, NOW + 60_000))));
        assertThat(number("reserved")).isEqualTo(1_000);
    }

    @Test
    void aWriteRetriedAfterItsAnswerWasLostIsAppliedOnce() {
        Change change = new Change(7, 250, 0, 100, NONE, false, NOW + 60_000);
        apply("a", change);

        Result again = apply("a", change);

        assertThat(again.verdict()).isEqualTo(Verdict.APPLIED);
        assertThat(again.state().spent()).isEqualTo(250);
        assertThat(again.state().leases()).containsEntry("a", new Lease(100, NOW + 60_000));
        assertThat(number("spent")).isEqualTo(250);
    }

    @Test
    void spendAndReturnsKeepReservedTheSumOfSpentAndLeased() {
        apply("a", new Change(1, 0, 0, 500, 1_000, false, NOW + 60_000));
        apply("a", new Change(2, 120, 200, 0, NONE, true, NOW + 60_000));
        Result state = apply("a", new Change(3, 30, 300, 0, NONE, true, 0));

        assertThat(state.state().spent()).isEqualTo(150);
        assertThat(state.state().leased()).isZero();
        assertThat(state.state().reserved()).isEqualTo(150);
        assertThat(state.state().leases()).as("a lease that holds nothing ends").isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenBackOnceAndItsHolderLearnsItLostIt() {
        apply("dead", new Change(1, 0, 0, 800, 1_000, false, NOW - 1));
        Lease seen = new Lease(800, NOW - 1);

        assertThat(store.reclaim(ROW, "dead", seen)).isTrue();
        assertThat(store.reclaim(ROW, "dead", seen)).as("taken back already").isFalse();
        assertThat(apply("b", new Change(1, 0, 0, 1_000, 1_000, false, NOW + 60_000)).verdict())
                .isEqualTo(Verdict.APPLIED);
        Result late = apply("dead", new Change(2, 40, 800, 0, NONE, true, 0));

        assertThat(late.verdict()).isEqualTo(Verdict.LEASE_LOST);
        assertThat(late.state().leased()).isEqualTo(1_000);
    }

    @Test
    void aLeaseRenewedSinceItWasReadIsNotTakenBack() {
        apply("a", new Change(1, 0, 0, 300, NONE, false, NOW - 1));
        apply("a", new Change(2, 0, 0, 0, NONE, true, NOW + 60_000));

        assertThat(store.reclaim(ROW, "a", new Lease(300, NOW - 1))).isFalse();
        assertThat(number("leased")).isEqualTo(300);
    }

    @Test
    void aStoppedServerIsUnavailableAndNothingIsApplied(MotoServer moto) {
        moto.stop();
        try {
            assertThatThrownBy(() -> apply("a", new Change(1, 10, 0, 0, NONE, false, 0)))
                    .isInstanceOf(BudgetStore.StoreUnavailableException.class)
                    .hasMessageContaining("UpdateItem on " + TABLE);
        } finally {
            moto.ensureRunning();
        }
    }

    private Result apply(String holder, Change change) {
        return store.apply(ROW, holder, change);
    }

    private long number(String attribute) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
                BudgetTable.PK, AttributeValue.fromS("campaign#c1"),
                BudgetTable.SK, AttributeValue.fromS(ROW.period())))).item();
        return Long.parseLong(item.get(attribute).n());
    }
}
