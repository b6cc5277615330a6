package org.fargatedsp.bidder.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/** The per-thread cache of block-list exclusions: right, and within entries times a fixed size whatever is sent. */
class ExclusionCacheTest {
    static {
        // JOL reads fields of lambdas' hidden classes this way; see NoticeDedupeTest.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private final CampaignIndex index = CampaignIndex.build(List.of(
            TestCampaigns.campaign("a").cat("IAB1").build(), TestCampaigns.campaign("b").cat("IAB2").build()));

    @Test
    void excludesTheEntriesOfBlockedCategoriesAndRemembersThem() {
        ExclusionCache cache = new ExclusionCache();

        long[] first = cache.excluded(index, List.of("IAB1"), null, null);

        assertThat(first).isNotNull();
        assertThat(cache.excluded(index, List.of("IAB1"), null, null)).isSameAs(first);
        assertThat(cache.excluded(index, List.of("IAB9"), null, null)).isNull();
        assertThat(cache.excluded(index, null, null, null)).isNull();
    }

    @Test
    void blockListsOfAnySizeKeepTheCacheWithinItsSlotsTimesTheLargestKeptKey() {
        ExclusionCache cache = new ExclusionCache();
        long indexBytes = GraphLayout.parseInstance(index).totalSize();

        for (int request = 0; request < 1024; request++) {
            List<String> huge = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                huge.add("blocked-" + request + "-" + i + "x".repeat(40));
            }
            assertThat(cache.excluded(index, huge, null, List.of("app-" + request))).isNull();
        }
        long held = GraphLayout.parseInstance(cache).totalSize() - indexBytes;

        // 256 slots of at most MAX_KEY_BYTES and a union each, with the three arrays of slots.
        assertThat(held).isLessThanOrEqualTo(256L * (ExclusionCache.MAX_KEY_BYTES + 64) + 3 * (16 + 256 * 4));
        long[] small = cache.excluded(index, List.of("IAB2"), null, null);
        assertThat(cache.excluded(index, List.of("IAB2"), null, null)).as("small lists are still kept")
                .isSameAs(small);
    }

    @Test
    void aCampaignReloadLeavesNoOldIndexHeldByTheCache() {
        ExclusionCache cache = new ExclusionCache();
        WeakReference<CampaignIndex> old = new WeakReference<>(CampaignIndex.build(List.of(
                TestCampaigns.campaign("a").cat("IAB1").build())));
        long[] before = cache.excluded(old.get(), List.of("IAB1"), null, null);
        CampaignIndex reloaded = CampaignIndex.build(List.of(TestCampaigns.campaign("c").cat("IAB1").build()));

        long[] after = cache.excluded(reloaded, List.of("IAB1"), null, null);

        assertThat(after).isNotSameAs(before);
        await("the old index is collected").atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return old.get() == null;
        });
        assertThat(cache.excluded(reloaded, List.of("IAB1"), null, null)).isSameAs(after);
    }
}
