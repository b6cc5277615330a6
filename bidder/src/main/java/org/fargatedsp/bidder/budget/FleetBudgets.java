package org.fargatedsp.bidder.budget;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.fargatedsp.bidder.http.HealthDetail;
import org.fargatedsp.bidder.notice.HeapNoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeDedupe;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the tasks of the fleet share through DynamoDB, as {@code BUDGET_TABLE} and {@code NOTICE_DEDUPE_TABLE} say:
 * budgets leased from the budget table ({@link LeaseKeeper}), and notices claimed in the notice table
 * ({@link DynamoDbNoticeDedupe}). Without {@code BUDGET_TABLE} the ledger counts in this task, as for local runs.
 */
public final class FleetBudgets implements HealthDetail, BudgetStats {
    private final BudgetConfig config;
    private final DynamoDbClient dynamoDb;
    private final LongSupplier clockMs;
    private final LeaseKeeper keeper;
    private final BudgetLedger ledger;
    private String holder;
    private DynamoDbNoticeDedupe dedupe;

    /** @param dynamoDb the client of both tables; its owner closes it after {@link #close} */
    public FleetBudgets(BudgetConfig config, DynamoDbClient dynamoDb, LongSupplier clockMs) {
        this.config = config;
        this.dynamoDb = dynamoDb;
        this.clockMs = clockMs;
        if (config.leased()) {
            keeper = new LeaseKeeper(new DynamoDbBudgetStore(dynamoDb, config.table()), config, clockMs);
            ledger = new BudgetLedger(keeper::open);
        } else {
            keeper = null;
            ledger = new BudgetLedger(campaign -> new InProcessBudget(campaign, config.burstPercent()));
        }
    }

    /**
     * The fleet's budgets and notice table as {@code config} says, reached through {@code dynamoDb}, or null when
     * it names neither table.
     */
    public static FleetBudgets open(BudgetConfig config, DynamoDbClient dynamoDb, LongSupplier clockMs) {
        if (config.table() == null && config.noticeTable() == null) {
            return null;
        }
        return new FleetBudgets(config, dynamoDb, clockMs);
    }

    /** The budgets the auction checks and billing notices spend. */
    public BudgetLedger ledger() {
        return ledger;
    }

    /**
     * Starts leasing as {@code taskId} plus a suffix drawn now, so that two bidders of one task id (a restart, or
     * tests in one process) never hold the same lease or claim.
     */
    public void start(String taskId) {
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        holder = taskId + "/" + HexFormat.of().formatHex(suffix);
        if (keeper != null) {
            keeper.start(holder);
        }
    }

    /** The dedupe of notices: claimed in the notice table after {@code local}, or {@code local} alone. */
    public NoticeDedupe dedupe(HeapNoticeDedupe local) {
        if (config.noticeTable() == null) {
            return local;
        }
        dedupe = new DynamoDbNoticeDedupe(local, dynamoDb, config.noticeTable(), holder, clockMs);
        return dedupe;
    }

    /**
     * Decides the claims waiting, gives back the leases not taken and writes the spend pending, within
     * {@code timeoutMs}. Call once no more notices arrive.
     */
    public void close(long timeoutMs) {
        long half = timeoutMs / 2;
        if (dedupe != null) {
            dedupe.close(half);
        }
        if (keeper != null) {
            keeper.close(timeoutMs - half);
        }
    }

    /** Stops leasing and writes nothing, as a task that dies; for tests. */
    void halt() {
        if (keeper != null) {
            keeper.halt();
        }
    }

    /** The keeper of the leases, or null without {@code BUDGET_TABLE}. */
    LeaseKeeper keeper() {
        return keeper;
    }

    @Override
    public boolean tableFailing() {
        return keeper != null && keeper.failing();
    }

    @Override
    public long unflushedMicros() {
        return keeper == null ? 0 : keeper.unflushedMicros();
    }

    @Override
    public long lateSpendMicros() {
        return keeper == null ? 0 : keeper.lateSpendMicros();
    }

    @Override
    public long dedupeFallbacks() {
        return dedupe == null ? 0 : dedupe.fallbacks();
    }

    @Override
    public void addTo(Map<String, Object> details) {
        if (keeper == null) {
            return;
        }
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("table", config.table());
        budget.put("holder", holder);
        budget.put("state", keeper.failing() ? "unreachable" : "ok");
        if (keeper.failing()) {
            budget.put("since", Instant.ofEpochMilli(keeper.failingSinceMs()).toString());
            budget.put("error", keeper.failure());
        }
        budget.put("unflushed_micros", keeper.unflushedMicros());
        budget.put("late_spend_micros", keeper.lateSpendMicros());
        details.put("budget", budget);
    }
}
