package org.fargatedsp.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.campaign.TestCampaigns.campaign;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.bidder.campaign.BudgetDay;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.fargatedsp.bidder.campaign.Pacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One lease keeper, its ticks run by hand on a clock the test moves, against the budget table in moto's DynamoDB:
 * days in the campaign's time zone, the exposure of bids given back after the bid window, slices that follow the
 * rate, total budgets, late spend, shutdown.
 */
@ExtendWith(MotoExtension.class)
class LeaseKeeperTest {
    private static final String TABLE = "budgets";
    private static final long FLUSH = 1_000;
    private static final long WINDOW = 60_000;
    private static final long COST = 1_000;
    private static final BudgetConfig CONFIG = new BudgetConfig(TABLE, TABLE, FLUSH, 150_000, WINDOW, 10_000, 10_000,
            1, 2);

    private final DynamoDbClient dynamoDb;
    private final AtomicLong clock = new AtomicLong(Fleet.NOON);
    private final LeaseKeeper keeper;

    LeaseKeeperTest(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.keeper = new LeaseKeeper(new DynamoDbBudgetStore(dynamoDb, TABLE), CONFIG, clock::get);
        keeper.holdAs("h");
    }

    @BeforeEach
    void createTable() {
        BudgetTable.create(dynamoDb, TABLE);
    }

    @Test
    void aDaysLeaseEndsAtMidnightInTheCampaignsTimeZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2026-03-08 is the day New York moves its clocks forward: 23 hours long.
        BudgetDay day = BudgetDay.of(newYork, Fleet.NOON);
        assertThat(day.endMillis() - day.startMillis()).isEqualTo(23 * 3_600_000L);
        clock.set(day.endMillis() - 60_000);
        CampaignBudget budget = open(campaign("ny").dailyBudget(10).timezone("America/New_York")
                .pacing(Pacing.ASAP).build());
        leaseOnDemand(budget);
        take(budget, 3);

        clock.set(day.endMillis());
        assertThat(budget.allows(COST, clock.get())).as("closed at midnight, before the keeper looks").isFalse();
        keeper.tick();

        assertThat(budget.allows(COST, clock.get())).isTrue();
        assertThat(row("ny", "day#2026-03-08", BudgetTable.HELD + "h")).as("the bids' price, held for the window")
                .isEqualTo(3 * COST);
        assertThat(row("ny", "day#2026-03-09", BudgetTable.HELD + "h")).as("a new lease, of a slice at least")
                .isGreaterThanOrEqualTo(10_000).isEqualTo(row("ny", "day#2026-03-09", BudgetTable.RESERVED));
    }

    @Test
    void whatBidsTookIsGivenBackOnceTheBidWindowHasPassed() {
        CampaignBudget budget = open(campaign("a").dailyBudget(10).pacing(Pacing.ASAP).build());
        leaseOnDemand(budget);
        take(budget, 2);
        keeper.tick();

        clock.addAndGet(WINDOW - 1);
        keeper.tick();
        assertThat(today("a", BudgetTable.HELD + "h")).isEqualTo(10_000);
        clock.addAndGet(1);
        keeper.tick();

        assertThat(today("a", BudgetTable.HELD + "h")).isEqualTo(10_000 - 2 * COST);
        assertThat(today("a", BudgetTable.RESERVED)).isEqualTo(10_000 - 2 * COST);
    }

    @Test
    void theSliceFollowsTheRateBidsTakeTheBudgetAt() {
        CampaignBudget budget = open(campaign("a").dailyBudget(100).pacing(Pacing.ASAP).build());
        List<Long> granted = new ArrayList<>();
        budget.allows(COST, clock.get());
        for (int tick = 0; tick < 8; tick++) {
            keeper.tick();
            long taken = 0;
            while (budget.allows(COST, clock.get()) && budget.take(COST, clock.get())) {
                taken += COST;
            }
            granted.add(taken);
            clock.addAndGet(FLUSH);
        }

        assertThat(granted.get(0)).as("the smallest slice").isEqualTo(10_000);
        assertThat(granted).isSorted().contains(1_000_000L).allMatch(g -> g <= 1_000_000);
    }

    @Test
    void aTotalBudgetHoldsAcrossDaysAndLeases() {
        CampaignBudget budget = open(campaign("a").dailyBudget(10).totalBudget(0.015).pacing(Pacing.ASAP).build());
        long taken = 0;
        for (int tick = 0; tick < 6; tick++) {
            budget.allows(COST, clock.get());
            keeper.tick();
            while (budget.take(COST, clock.get())) {
                taken += COST;
            }
            clock.addAndGet(FLUSH);
        }

        assertThat(taken).isEqualTo(15_000);
        assertThat(row("a", BudgetStore.Row.TOTAL, BudgetTable.RESERVED)).isEqualTo(15_000);
        assertThat(today("a", BudgetTable.RESERVED)).isEqualTo(15_000);
    }

    @Test
    void aBillingNoticeAfterTheBidWindowIsLateSpend() {
        CampaignBudget budget = open(campaign("a").dailyBudget(10).build());

        budget.spend(800, clock.get() - (WINDOW - FLUSH));
        budget.spend(300, clock.get() - (WINDOW - FLUSH) - 1);
        keeper.tick();

        assertThat(keeper.lateSpendMicros()).isEqualTo(300);
        assertThat(today("a", BudgetTable.SPENT)).isEqualTo(1_100);
    }

    @Test
    void shutdownGivesBackWhatBidsDidNotTakeAndWritesTheSpend() {
        CampaignBudget budget = open(campaign("a").dailyBudget(10).pacing(Pacing.ASAP).build());
        leaseOnDemand(budget);
        take(budget, 3);
        budget.spend(800, clock.get());

        keeper.close(5_000);

        assertThat(today("a", BudgetTable.HELD + "h")).isEqualTo(3 * COST);
        assertThat(today("a", BudgetTable.EXPIRES + "h")).isEqualTo(clock.get() + WINDOW + FLUSH);
        assertThat(today("a", BudgetTable.SPENT)).isEqualTo(800);
        assertThat(today("a", BudgetTable.RESERVED)).isEqualTo(800 + 3 * COST);
    }

    @Test
    void spendOfACampaignWithoutABudgetIsWrittenWithoutALease() {
        CampaignBudget budget = open(campaign("free").noDailyBudget().build());

        assertThat(budget.allows(COST, clock.get())).isTrue();
        budget.spend(500, clock.get());
        keeper.tick();

        assertThat(today("free", BudgetTable.SPENT)).isEqualTo(500);
        assertThat(today("free", BudgetTable.LEASED)).isZero();
    }

    /**
     * A task cut off from the table for longer than its lease: another task takes the lease back, with the price of
     * the bids on it. The first task learns it at its next write, and must not give that price back again once it
     * holds a new lease. Its keeper did not tick between the bids and the cut, so it sees them late.
     */
    @Test
    void aLeaseTakenBackIsNotGivenBackAgainFromTheNextOne() {
        Campaign a = campaign("a").dailyBudget(0.02).pacing(Pacing.ASAP).build();
        LeaseKeeper other = new LeaseKeeper(new DynamoDbBudgetStore(dynamoDb, TABLE), CONFIG, clock::get);
        other.holdAs("g");
        CampaignBudget mine = open(a);
        CampaignBudget theirs = other.open(a);
        leaseOnDemand(mine);
        take(mine, 3);
        assertThat(theirs.allows(COST, clock.get())).isFalse();
        other.tick();
        assertThat(today("a", BudgetTable.RESERVED)).as("the pool is all leased").isEqualTo(20_000);

        clock.addAndGet(CONFIG.leaseTtlMs() * 4 / 5);
        other.tick();
        clock.addAndGet(CONFIG.leaseTtlMs() / 5 + 1);
        take(theirs, 10);
        assertThat(theirs.allows(COST, clock.get())).isFalse();
        other.tick();
        assertThat(today("a", BudgetTable.HELD + "h")).as("taken back").isZero();
        assertThat(mine.allows(COST, clock.get())).isFalse();
        keeper.tick();
        assertThat(mine.allows(COST, clock.get())).isFalse();
        keeper.tick();
        assertThat(today("a", BudgetTable.HELD + "h")).as("a new lease").isEqualTo(10_000);

        clock.addAndGet(WINDOW + FLUSH);
        keeper.tick();

        assertThat(today("a", BudgetTable.HELD + "h")).as("no bid took any of it").isEqualTo(10_000);
        assertThat(mine.allows(COST, clock.get())).isTrue();
    }

    /** A keeper of 10,000 campaigns ticks every second: one that did nothing since costs it no allocation. */
    @Test
    void aTickAllocatesNothingForCampaignsThatDidNothing() {
        for (int i = 0; i < 2_000; i++) {
            open(campaign("idle-" + i).dailyBudget(10).build());
        }
        open(campaign("free").noDailyBudget().build());
        keeper.tick();
        keeper.tick();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        keeper.tick();

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1_000);
    }

    private CampaignBudget open(Campaign c) {
        return keeper.open(c);
    }

    /** A bid finds no lease, and the next tick grants one. */
    private void leaseOnDemand(CampaignBudget budget) {
        assertThat(budget.allows(COST, clock.get())).isFalse();
        keeper.tick();
        assertThat(budget.allows(COST, clock.get())).isTrue();
    }

    private void take(CampaignBudget budget, int bids) {
        for (int i = 0; i < bids; i++) {
            assertThat(budget.take(COST, clock.get())).isTrue();
        }
    }

    private long today(String campaign, String attribute) {
        return row(campaign, "day#" + BudgetDay.of(java.time.ZoneOffset.UTC, clock.get()).date(), attribute);
    }

    private long row(String campaign, String period, String attribute) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                BudgetTable.PK, AttributeValue.fromS(BudgetTable.campaignKey(campaign)),
                BudgetTable.SK, AttributeValue.fromS(period)))).item();
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
