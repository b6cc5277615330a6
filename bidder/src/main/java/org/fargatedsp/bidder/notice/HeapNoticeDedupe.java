package org.fargatedsp.bidder.notice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fargatedsp.bidder.http.HealthDetail;

/**
 * The {@link NoticeDedupe} of one task: the notices seen within the dedupe window, in a heap budget of its own
 * (README, "Memory bounds"); a claim is decided before it returns. Each entry is
 * a {@link NoticeKey} of two longs, and the budget is counted as entries times {@link #ENTRY_BYTES}, the most one
 * entry costs with Caffeine's node, the map's node and its share of the table and the frequency sketch: a notice
 * with a 4 KB bid id costs what one with a 20-character id costs. Past the budget, Caffeine evicts the notices
 * least likely to be repeated; a repeat of an evicted notice is counted again.
 */
public final class HeapNoticeDedupe implements NoticeDedupe, HealthDetail {
    /**
     * Heap bytes one remembered notice costs at most, with compressed references (a heap under 32 GB): Caffeine's
     * node 56, the map's node 32, the key 32, and shares of the map's table and of the frequency sketch that reach
     * 27 when both have just doubled. {@code NoticeDedupeTest} measures the whole cache's object graph (139 bytes an
     * entry at 20,000 entries) and fails if an entry costs more.
     */
    public static final int ENTRY_BYTES = 160;
    /** Share of the JVM's maximum heap the cache may take unless {@code NOTICE_DEDUPE_MAX_BYTES} says otherwise. */
    public static final int HEAP_FRACTION = 16;
    /**
     * Entries kept free under the budget for the inserts Caffeine has made but not yet evicted for. An insert goes
     * into the map at once, and its weight is counted and evicted for in the cache's next maintenance, which drains
     * a write buffer of at most {@code 128} times the processors (rounded up to a power of two) pending inserts in
     * one go; when the buffer is full, an inserting thread does the maintenance itself. So the map stands above its
     * maximum by at most that buffer and one insert per thread inserting, counted as 64: the bidder's event loops are fewer.
     */
    static final int CONCURRENT_INSERTS = 128 * ceilingPowerOfTwo(Runtime.getRuntime().availableProcessors())
            + 64;

    private final Cache<NoticeKey, Boolean> seen;
    private final Policy.Eviction<NoticeKey, Boolean> eviction;
    private final long maxBytes;
    private final long ttlMs;

    /**
     * @param maxBytes the heap the remembered notices may take, at least {@link #minimumBytes()}
     * @param ttlMs how long a notice is remembered
     */
    public HeapNoticeDedupe(long maxBytes, long ttlMs) {
        if (maxBytes < minimumBytes()) {
            throw new IllegalArgumentException("a dedupe budget of " + maxBytes + " bytes is too small: at least "
                    + minimumBytes());
        }
        this.maxBytes = maxBytes;
        this.ttlMs = ttlMs;
        this.seen = Caffeine.newBuilder()
                .maximumWeight(maxBytes - (long) CONCURRENT_INSERTS * ENTRY_BYTES)
                .weigher((NoticeKey key, Boolean value) -> ENTRY_BYTES)
                .expireAfterWrite(Duration.ofMillis(ttlMs))
                // Evicting on the inserting thread keeps the budget at every moment, not only once a pool thread
                // gets to it; the work is a constant per insert, amortised.
                .executor(Runnable::run)
                .build();
        this.eviction = seen.policy().eviction().orElseThrow();
    }

    /** The default budget: {@code 1/}{@value #HEAP_FRACTION} of {@code maxHeapBytes}. */
    public static long defaultMaxBytes(long maxHeapBytes) {
        return maxHeapBytes / HEAP_FRACTION;
    }

    /** The smallest budget: twice the headroom kept for inserts not yet evicted for. */
    public static long minimumBytes() {
        return 2L * CONCURRENT_INSERTS * ENTRY_BYTES;
    }

    private static int ceilingPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** Decided before it returns; a key is kept for the TTL from its claim, which is past {@code expiresAtMillis}. */
    @Override
    public void claim(NoticeKey key, long expiresAtMillis, Claim then) {
        then.decided(firstSeen(key));
    }

    /** Remembers {@code key}; returns false when it was remembered already. */
    boolean firstSeen(NoticeKey key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** The heap the remembered notices are counted as taking: entries times {@link #ENTRY_BYTES}. */
    public long bytes() {
        return eviction.weightedSize().orElseThrow();
    }

    /** How long a notice is remembered. */
    public long ttlMs() {
        return ttlMs;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Notices remembered now, about. */
    public long entries() {
        return seen.estimatedSize();
    }

    @Override
    public void addTo(Map<String, Object> details) {
        Map<String, Object> dedupe = new LinkedHashMap<>();
        dedupe.put("entries", entries());
        dedupe.put("bytes", bytes());
        dedupe.put("max_bytes", maxBytes);
        details.put("notice_dedupe", dedupe);
    }
}
