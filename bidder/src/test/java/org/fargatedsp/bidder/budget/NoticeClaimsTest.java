package org.fargatedsp.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.http.RequestStats;
import org.fargatedsp.bidder.notice.Notice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notices deduped across tasks through the notice table (here the budget table, its default): an exchange's retry
 * that reaches another task is answered and not counted again; with the table out of reach, each task counts it
 * once.
 */
@ExtendWith(MotoExtension.class)
class NoticeClaimsTest {

    @Test
    void aBillingNoticeSentToTwoTasksIsCountedOnce(MotoServer moto) {
        try (Fleet fleet = new Fleet(moto, 2, Fleet.NOON, "\"daily_budget\": 10", Map.of())) {
            JsonNode bid = fleet.bid(0, 728, 90);

            assertThat(fleet.bill(0, bid, "0.50")).isEqualTo(204);
            assertThat(fleet.bill(1, bid, "0.50")).isEqualTo(204);
            assertThat(fleet.bill(1, bid, "0.50")).isEqualTo(204);

            await().atMost(Fleet.CATCH_UP).until(() -> decided(fleet, 0) + decided(fleet, 1) == 3);
            assertThat(stats(fleet, 0).duplicateNotices() + stats(fleet, 1).duplicateNotices()).isEqualTo(2);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == 0
                    && fleet.row(Fleet.UNBUDGETED, "day#2026-03-08", BudgetTable.SPENT) == 500);
            assertThat(fleet.row(Fleet.UNBUDGETED, BudgetStore.Row.TOTAL, BudgetTable.SPENT)).isEqualTo(500);
            assertThat(fleet.keeper(0).lateSpendMicros() + fleet.keeper(1).lateSpendMicros()).isZero();
        }
    }

    @Test
    void withTheNoticeTableOutOfReachEachTaskCountsANoticeOnce(MotoServer moto) {
        try (Fleet fleet = new Fleet(moto, 2, Fleet.NOON, "\"daily_budget\": 10", Map.of())) {
            JsonNode bid = fleet.bid(0, 728, 90);
            moto.stop();

            assertThat(fleet.bill(0, bid, "0.50")).isEqualTo(204);
            assertThat(fleet.bill(0, bid, "0.50")).isEqualTo(204);
            assertThat(fleet.bill(1, bid, "0.50")).isEqualTo(204);

            await().atMost(Fleet.CATCH_UP).until(() -> decided(fleet, 0) + decided(fleet, 1) == 3);
            assertThat(stats(fleet, 0).duplicateNotices()).as("this task's own dedupe").isEqualTo(1);
            assertThat(stats(fleet, 1).duplicateNotices()).isZero();
            assertThat(fleet.bidder(0).bidder().fleet().dedupeFallbacks()
                    + fleet.bidder(1).bidder().fleet().dedupeFallbacks()).isEqualTo(2);
            moto.restart();
            BudgetTable.create(moto.dynamoDb(), Fleet.TABLE);
            await().atMost(Fleet.CATCH_UP).until(() -> fleet.unflushed() == 0
                    && fleet.row(Fleet.UNBUDGETED, "day#2026-03-08", BudgetTable.SPENT) == 2 * 500);
        }
    }

    private static RequestStats stats(Fleet fleet, int i) {
        return fleet.bidder(i).bidder().stats();
    }

    /** Billing notices whose claim was decided, first or repeat, by bidder {@code i}. */
    private static long decided(Fleet fleet, int i) {
        return stats(fleet, i).notices(Notice.Type.BILLING);
    }
}
