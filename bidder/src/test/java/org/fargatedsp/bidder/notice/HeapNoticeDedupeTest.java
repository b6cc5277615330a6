package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The dedupe cache's heap budget: counted in bytes, held under any number of distinct notices, and true to the heap
 * the cache really takes. Regression test for 395,850 distinct loss notices with 4 KB bid ids ending the JVM with
 * OutOfMemoryError.
 */
class HeapNoticeDedupeTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long TTL_MS = 3_600_000;

    static {
        // Caffeine holds lambdas, whose hidden classes Unsafe will not give field offsets of; JOL finds them anyway.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @Test
    void distinctNoticesByTheHundredThousandStayWithinTheByteBudget() {
        long maxBytes = 1L << 20;
        HeapNoticeDedupe dedupe = new HeapNoticeDedupe(maxBytes, TTL_MS);
        NoticeEndpoint endpoint = new NoticeEndpoint(TestNotices.secrets(TestNotices.KEY_A, null, Map.of()), TTL_MS,
                dedupe, new BudgetLedger()::spend, FxRates.of("USD", Map.of()),
                (notice, duplicate, spend) -> { });
        NoticeSigner signer = TestNotices.signer(TestNotices.KEY_A);

        long most = 0;
        for (int n = 0; n < 400_000; n++) {
            endpoint.handle(Notice.Type.LOSS, TestNotices.uri(signer, Notice.Type.LOSS, bid(n), "&l=102"), NOW);
            most = Math.max(most, dedupe.bytes());
        }

        assertThat(most).isLessThanOrEqualTo(maxBytes);
        assertThat(dedupe.bytes()).isEqualTo(dedupe.entries() * HeapNoticeDedupe.ENTRY_BYTES);
        assertThat(dedupe.entries()).as("the budget is used, not merely respected")
                .isGreaterThan(maxBytes / HeapNoticeDedupe.ENTRY_BYTES * 9 / 10);
    }

    @Test
    void anEntryTakesAtMostEntryBytesOfHeapAndKeepsNoneOfTheNoticesStrings() {
        int entries = 20_000;
        HeapNoticeDedupe dedupe = new HeapNoticeDedupe((entries + HeapNoticeDedupe.CONCURRENT_INSERTS)
                * (long) HeapNoticeDedupe.ENTRY_BYTES, TTL_MS);
        GraphLayout empty = GraphLayout.parseInstance(dedupe);

        for (int n = 0; n < entries; n++) {
            assertThat(dedupe.firstSeen(NoticeKey.of(notice(n)))).isTrue();
        }
        GraphLayout full = GraphLayout.parseInstance(dedupe);

        assertThat(dedupe.entries()).isEqualTo(entries);
        long perEntry = (full.totalSize() - empty.totalSize()) / entries;
        assertThat(perEntry).as("heap per remembered notice, measured")
                .isLessThanOrEqualTo(HeapNoticeDedupe.ENTRY_BYTES);
        assertThat(full.getClassCounts().count(String.class)).as("strings held, whatever the notices sent")
                .isEqualTo(empty.getClassCounts().count(String.class));
    }

    @Test
    void rememberedNoticesAreRepeatsAndOthersAreNot() {
        HeapNoticeDedupe dedupe = new HeapNoticeDedupe(HeapNoticeDedupe.minimumBytes(), TTL_MS);

        assertThat(dedupe.firstSeen(NoticeKey.of(notice(1)))).isTrue();
        assertThat(dedupe.firstSeen(NoticeKey.of(notice(1)))).isFalse();
        assertThat(dedupe.firstSeen(NoticeKey.of(notice(2)))).isTrue();
        assertThat(dedupe.bytes()).isEqualTo(2L * HeapNoticeDedupe.ENTRY_BYTES);
    }

    /** A bid whose impression and campaign ids are each the longest the parser takes, and distinct. */
    private static SignedBid bid(int n) {
        return new SignedBid(1, n, NOW / 1000, 1_000_000, "USD", null, id(n), id(n), id(n), "cr", null);
    }

    private static Notice notice(int n) {
        return new Notice(Notice.Type.LOSS, id(n), id(n), id(n), id(n), "cr", null, null, "USD", -1, -1, 102, -1);
    }

    /** A distinct id of the longest length taken. */
    private static String id(int n) {
        String digits = Integer.toString(n);
        return "x".repeat(NoticeParser.MAX_VALUE_CHARS - digits.length()) + digits;
    }
}
