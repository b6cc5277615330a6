package org.fargatedsp.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.campaign.BudgetDay;
import org.fargatedsp.bidder.campaign.Pacing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Budgets across a fleet of bidders over real HTTP, against one budget table in moto's DynamoDB: bids and their
 * billing notices at volume, each notice sent to another task than the bid's, as a load balancer would.
 */
@ExtendWith(MotoExtension.class)
class FleetBudgetTest {
    private static final int DRIVERS = 4;
    /** Every third bid placed is lost: its notice never comes. The others clear at 80% of the bid. */
    private static final String CLEARING = "0.80";
    private static final long BILLED = 800;

    private final ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS);

    @AfterEach
    void stopDrivers() {
        drivers.shutdownNow();
    }

    @Test
    void theFleetsSpendNeverPassesTheDailyBudget(MotoServer moto) throws Exception {
        long budget = 500_000;
        try (Fleet fleet = new Fleet(moto, 3, Fleet.NOON, "\"daily_budget\": 0.50, \"pacing\": \"asap\"", Map.of())) {
            AtomicLong billed = new AtomicLong();
            drive(fleet, billed, () -> budget);

            assertThat(billed.get()).as("spend billed across the fleet").isLessThanOrEqualTo(bound(fleet, budget))
                    .isGreaterThan(reached(fleet, budget));
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == 0
                    && fleet.today(BudgetTable.SPENT) == billed.get());
            assertThat(fleet.lateSpend()).as("every notice came within the bid window: the bound is the budget")
                    .isZero();
            assertThat(fleet.todayConsistent()).as("the day's row: reserved = spent + leased = spent + its leases")
                    .isTrue();
        }
    }

    @Test
    void aDeadTasksLeaseReturnsToThePoolOnceItExpires(MotoServer moto) {
        // The whole budget is one slice: the first task to lease takes all of it.
        try (Fleet fleet = new Fleet(moto, 2, Fleet.NOON, "\"daily_budget\": 0.02, \"pacing\": \"asap\"",
                Map.of("BUDGET_SLICE_MIN_MICROS", "20000", "BUDGET_SLICE_MAX_PERCENT", "100"))) {
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.bid(0, 300, 250) != null);
            String dead = fleet.keeper(0).holder();
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.today(BudgetTable.HELD + dead) == 20_000);
            fleet.keeper(0).halt();

            assertThat(noBidOverTicks(fleet, 1)).as("nothing left in the pool").isTrue();
            fleet.clock.addAndGet(Fleet.TTL_MS + 1);

            await().atMost(Fleet.CATCH_UP).until(() -> fleet.bid(1, 300, 250) != null);
            assertThat(fleet.today(BudgetTable.HELD + dead)).as("taken back").isZero();
            assertThat(fleet.today(BudgetTable.HELD + fleet.keeper(1).holder())).isPositive();
            assertThat(fleet.today(BudgetTable.RESERVED)).isLessThanOrEqualTo(20_000);
        }
    }

    @Test
    void anOutageStopsBudgetedBidsWithinTheLeaseKeepsAnsweringAndLosesNoSpend(MotoServer moto) throws Exception {
        try (Fleet fleet = new Fleet(moto, 2, Fleet.NOON, "\"daily_budget\": 1000, \"pacing\": \"asap\"",
                Map.of())) {
            long before = billSome(fleet, 40);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == 0
                    && fleet.today(BudgetTable.SPENT) == before);

            moto.stop();
            long during = billSome(fleet, 20);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.keeper(0).failing() && fleet.keeper(1).failing());
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == during);
            fleet.clock.addAndGet(Fleet.TTL_MS / 2 + 1);
            for (int i = 0; i < 2; i++) {
                assertThat(fleet.bid(i, 300, 250)).as("a lease not renewed for half its TTL is not bid on").isNull();
                assertThat(fleet.bid(i, 728, 90)).as("a campaign without a budget needs no lease").isNotNull();
            }

            // moto comes back empty: the table is made again, as an operator would restore it.
            moto.restart();
            BudgetTable.create(moto.dynamoDb(), Fleet.TABLE);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == 0
                    && fleet.today(BudgetTable.SPENT) == during);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.bid(0, 300, 250) != null
                    && fleet.bid(1, 300, 250) != null);
            assertThat(fleet.keeper(0).failing()).isFalse();
        }
    }

    @Test
    void evenPacingHoldsSpendToTheShareOfTheDayGoneBy(MotoServer moto) throws Exception {
        long budget = 200_000;
        long midnight = Fleet.NOON - 12 * 3_600_000L;
        BudgetDay day = BudgetDay.of(java.time.ZoneOffset.UTC, midnight);
        // The fleet's clock, not the wall's: a day's pacing in a few seconds of bids at 06:00 and at 18:00.
        try (Fleet fleet = new Fleet(moto, 2, midnight + 6 * 3_600_000L, "\"daily_budget\": 0.20", Map.of())) {
            AtomicLong billed = new AtomicLong();
            drive(fleet, billed, () -> day.allowed(budget, Pacing.EVEN, fleet.clock.get(), 2));
            long allowed = day.allowed(budget, Pacing.EVEN, fleet.clock.get(), 2);
            // A quarter of the day and a 2% burst, and the few seconds the rounds moved the clock on.
            assertThat(allowed).isBetween(budget / 4 + budget / 50, budget / 4 + budget / 50 + budget / 1000);
            assertThat(billed.get()).isLessThanOrEqualTo(bound(fleet, allowed)).isGreaterThan(reached(fleet, allowed));

            fleet.clock.set(midnight + 18 * 3_600_000L);
            drive(fleet, billed, () -> day.allowed(budget, Pacing.EVEN, fleet.clock.get(), 2));
            long later = day.allowed(budget, Pacing.EVEN, fleet.clock.get(), 2);
            assertThat(later).isBetween(budget * 3 / 4 + budget / 50, budget * 3 / 4 + budget / 50 + budget / 1000);
            assertThat(billed.get()).isLessThanOrEqualTo(bound(fleet, later)).isGreaterThan(reached(fleet, later));
            assertThat(fleet.lateSpend()).isZero();
        }
    }

    /**
     * The README's bound on what the fleet bills against a row ("The bound", under budgets): {@code limit + L + C},
     * where {@code L} is the spend of billing notices counted after the bid window ({@code late_spend}, measured) and
     * {@code C} that of a task that crashed before writing it (none here: every bidder runs to the end).
     */
    private static long bound(Fleet fleet, long limit) {
        return limit + fleet.lateSpend();
    }

    /**
     * Below what the fleet must have billed once it no longer bids: each task may keep less than one bid's price
     * untaken in its lease, and the row's room is less than one more (else some task would be granted it and bid).
     * So a fleet that stopped short of its budget for any other reason fails.
     */
    private static long reached(Fleet fleet, long limit) {
        return limit - (fleet.bidders.size() + 1) * Fleet.COST;
    }

    /**
     * Bids and bills from {@link #DRIVERS} threads until a round sees no bid; once every notice is written, moves
     * the clock past the bid window so the fleet gives back what lost bids held; and again, until a round after that
     * finds nothing: the budget is spent. Checks after every round that what was billed is within the
     * {@link #bound} of {@code limit}.
     */
    private void drive(Fleet fleet, AtomicLong billed, LongSupplier limit) throws Exception {
        for (int round = 0; round < 60; round++) {
            long bids = round(fleet, billed);
            assertThat(billed.get()).as("billed after round %d of %d bids (the day's row: spent %d, leased %d)",
                    round, bids, fleet.today(BudgetTable.SPENT), fleet.today(BudgetTable.LEASED))
                    .isLessThanOrEqualTo(bound(fleet, limit.getAsLong()));
            if (bids == 0) {
                return;
            }
            // Every billing notice reached the table within the window: none is late.
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.today(BudgetTable.SPENT) == billed.get());
            fleet.clock.addAndGet(Fleet.WINDOW_MS + Fleet.FLUSH_MS);
        }
        throw new AssertionError("the fleet still bids after 60 rounds");
    }

    /**
     * Bursts of bids until a burst that followed two ticks of every keeper (time for each to grant what the
     * bursts before wanted) found no bid; returns the bids.
     */
    private long round(Fleet fleet, AtomicLong billed) throws Exception {
        long bids = 0;
        for (int burst = 0; ; burst++) {
            long placed = burst(fleet, billed);
            bids += placed;
            if (placed == 0 && burst > 0) {
                return bids;
            }
            long[] ticks = fleet.ticksOfEach();
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.ticked(ticks, 2));
        }
    }

    /** Bids and bills from each driver until it meets a no-bid; returns the bids. */
    private long burst(Fleet fleet, AtomicLong billed) throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong bids = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        int n = fleet.bidders.size();
        for (int d = 0; d < DRIVERS; d++) {
            running.add(drivers.submit(() -> {
                while (true) {
                    int j = sequence.incrementAndGet();
                    JsonNode bid = fleet.bid(j % n, 300, 250);
                    if (bid == null) {
                        return null;
                    }
                    // Every third bid placed is lost, whichever bidder placed it: were the loss keyed on j, as
                    // the bidder is, one bidder's bids would all be lost, and a fleet whose last room that bidder
                    // held would bid, lose and get the price back for ever.
                    if (bids.incrementAndGet() % 3 != 0) {
                        assertThat(fleet.bill((j + 1) % n, bid, CLEARING)).isEqualTo(204);
                        billed.addAndGet(BILLED);
                    }
                }
            }));
        }
        for (Future<?> driver : running) {
            driver.get();
        }
        return bids.get();
    }

    /** Whether bidder {@code i} placed no bid for the budgeted campaign after its keeper ticked twice since asked. */
    private static boolean noBidOverTicks(Fleet fleet, int i) {
        if (fleet.bid(i, 300, 250) != null) {
            return false;
        }
        long start = fleet.keeper(i).ticks();
        await().atMost(Fleet.CATCH_UP).until(() -> fleet.keeper(i).ticks() >= start + 2);
        return fleet.bid(i, 300, 250) == null;
    }

    /** Bids on both bidders and bills each bid at the other: returns the spend billed. */
    private static long billSome(Fleet fleet, int count) {
        long spend = 0;
        int placed = 0;
        for (int j = 0; placed < count; j++) {
            assertThat(j).as("bids placed of %d asked", count).isLessThan(100 * count);
            JsonNode bid = fleet.bid(j % 2, 300, 250);
            if (bid != null) {
                placed++;
                assertThat(fleet.bill((j + 1) % 2, bid, CLEARING)).isEqualTo(204);
                spend += BILLED;
            }
        }
        return spend;
    }

}
