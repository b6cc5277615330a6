package org.fargatedsp.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.bidder.budget.BudgetStore.Change;
import org.fargatedsp.bidder.budget.BudgetStore.Lease;
import org.fargatedsp.bidder.budget.BudgetStore.Result;
import org.fargatedsp.bidder.budget.BudgetStore.Row;
import org.fargatedsp.bidder.budget.BudgetStore.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One task's side of a budget row against moto's DynamoDB, when the answer to a write is lost after the table
 * applied it: the SDK gave up, the keeper does not know, and its next sync must not apply the same amounts again.
 */
@ExtendWith(MotoExtension.class)
class RowLeaseTest {
    private static final Row ROW = Row.day("c1", "2026-03-08");
    private static final long NOW = Fleet.NOON;
    private static final long TTL = 60_000;

    private final DynamoDbClient dynamoDb;
    private final AtomicLong seq = new AtomicLong();
    private final LosingAnswers store;

    RowLeaseTest(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.store = new LosingAnswers(new DynamoDbBudgetStore(dynamoDb, "budgets"));
    }

    @BeforeEach
    void createTable() {
        BudgetTable.create(dynamoDb, "budgets");
    }

    @Test
    void aReturnWhoseAnswerWasLostIsAppliedOnce() {
        RowLease lease = new RowLease(ROW);
        assertThat(lease.sync(store, "h", seq::incrementAndGet, NOW, TTL, 10_000, 100_000)).isTrue();
        lease.release(4_000);
        lease.spend(700);

        store.loseNextAnswer();
        assertThatThrownBy(() -> lease.sync(store, "h", seq::incrementAndGet, NOW, TTL, 0, Long.MAX_VALUE))
                .isInstanceOf(BudgetStore.StoreUnavailableException.class);
        assertThat(lease.due(NOW, Long.MAX_VALUE)).as("the unanswered write").isTrue();
        lease.sync(store, "h", seq::incrementAndGet, NOW, TTL, 0, Long.MAX_VALUE);

        State state = store.read(ROW);
        assertThat(state.leases()).containsEntry("h", new Lease(6_000, NOW + TTL));
        assertThat(state.spent()).isEqualTo(700);
        assertThat(state.reserved()).isEqualTo(6_700);
        assertThat(lease.held()).isEqualTo(6_000);
        assertThat(lease.due(NOW, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aGrantWhoseAnswerWasLostIsGivenBack() {
        RowLease lease = new RowLease(ROW);
        store.loseNextAnswer();
        assertThatThrownBy(() -> lease.sync(store, "h", seq::incrementAndGet, NOW, TTL, 10_000, 100_000))
                .isInstanceOf(BudgetStore.StoreUnavailableException.class);

        lease.sync(store, "h", seq::incrementAndGet, NOW, TTL, 0, Long.MAX_VALUE);

        assertThat(store.read(ROW).reserved()).as("granted, never given to bids, given back").isZero();
        assertThat(lease.held()).isZero();
    }

    /** The real store, which throws instead of answering once asked to: as when every retry timed out. */
    private static final class LosingAnswers implements BudgetStore {
        private final BudgetStore store;
        private boolean loseNext;

        LosingAnswers(BudgetStore store) {
            this.store = store;
        }

        void loseNextAnswer() {
            loseNext = true;
        }

        @Override
        public Result apply(Row row, String holder, Change change) {
            Result result = store.apply(row, holder, change);
            if (loseNext) {
                loseNext = false;
                throw new StoreUnavailableException("the answer was lost", null);
            }
            return result;
        }

        @Override
        public State read(Row row) {
            return store.read(row);
        }

        @Override
        public boolean reclaim(Row row, String holder, Lease seen) {
            return store.reclaim(row, holder, seen);
        }
    }
}
