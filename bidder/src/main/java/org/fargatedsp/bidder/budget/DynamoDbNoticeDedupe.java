package org.fargatedsp.bidder.budget;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.http.HealthDetail;
import org.fargatedsp.bidder.notice.HeapNoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The fleet's {@link NoticeDedupe}: a notice is first when this task has not seen it ({@link HeapNoticeDedupe})
 * and a conditional {@code PutItem} of its key ({@code attribute_not_exists}, with a TTL attribute) succeeds in
 * the notice table, whichever task it reached. The put runs on a pool of its own, after the notice was answered.
 *
 * <p>When the table cannot be reached, or more claims wait than {@value #QUEUE_CAPACITY}, a claim falls back to the
 * task's own dedupe: the notice is counted at most once per task that receives it. A put whose answer was lost
 * and that the SDK retried finds its own item: each put carries a claim id, read back when the condition fails.
 */
public final class DynamoDbNoticeDedupe implements NoticeDedupe, HealthDetail, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbNoticeDedupe.class);
    /** Threads that put claims: each waits on one round trip at a time. */
    static final int THREADS = 4;
    /** Claims that may wait for a thread, each holding its notice (at most about 2 KB with 128-character values). */
    public static final int QUEUE_CAPACITY = 4096;
    private static final String SORT_KEY = "notice";
    private static final String CLAIM = "claim";

    private final HeapNoticeDedupe local;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String holder;
    private final LongSupplier clockMs;
    private final ThreadPoolExecutor executor;
    private final AtomicLong claims = new AtomicLong();
    private final LongAdder fallbacks = new LongAdder();
    private volatile long failingSinceMs = -1;

    /**
     * @param local decides first, and alone when the table cannot
     * @param holder names this task in the claim ids
     */
    public DynamoDbNoticeDedupe(HeapNoticeDedupe local, DynamoDbClient dynamoDb, String table, String holder,
            LongSupplier clockMs) {
        this.local = local;
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.holder = holder;
        this.clockMs = clockMs;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "notice-claims");
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public void claim(NoticeKey key, long expiresAtMillis, Claim then) {
        local.claim(key, expiresAtMillis, first -> {
            if (!first) {
                then.decided(false);
                return;
            }
            Put put = new Put(key, expiresAtMillis, then);
            try {
                executor.execute(put);
            } catch (RejectedExecutionException e) {
                put.fallBack();
            }
        });
    }

    /** Claims decided by the task's own dedupe alone, since start: the table was out of reach or too slow. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    @Override
    public void addTo(Map<String, Object> details) {
        local.addTo(details);
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("table", table);
        shared.put("state", failingSinceMs < 0 ? "ok" : "unreachable");
        shared.put("waiting", executor.getQueue().size());
        shared.put("fallbacks", fallbacks());
        details.put("notice_claims", shared);
    }

    /** Lets the waiting claims finish for {@code timeoutMs}; those still waiting then fall back to this task's. */
    public void close(long timeoutMs) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                List<Runnable> left = executor.shutdownNow();
                for (Runnable put : left) {
                    ((Put) put).fallBack();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(0);
    }

    /** One claim's conditional put, and its decision. */
    private final class Put implements Runnable {
        private final NoticeKey key;
        private final long expiresAtMillis;
        private final Claim then;

        Put(NoticeKey key, long expiresAtMillis, Claim then) {
            this.key = key;
            this.expiresAtMillis = expiresAtMillis;
            this.then = then;
        }

        @Override
        public void run() {
            boolean first;
            try {
                first = put();
                if (failingSinceMs >= 0) {
                    LOG.info("notice table answers again", kv("table", table));
                    failingSinceMs = -1;
                }
            } catch (SdkException e) {
                if (failingSinceMs < 0) {
                    failingSinceMs = clockMs.getAsLong();
                    LOG.warn("notice table out of reach: notices are counted once per task until it answers",
                            kv("table", table), kv("error", e.getMessage()));
                }
                fallBack();
                return;
            }
            then.decided(first);
        }

        void fallBack() {
            fallbacks.increment();
            then.decided(true);
        }

        /** Whether this put claimed the key: it wrote the item, or an earlier attempt of it did. */
        private boolean put() {
            String claim = holder + "#" + claims.incrementAndGet();
            Map<String, AttributeValue> itemKey = Map.of(BudgetTable.PK, AttributeValue.fromS(pk()),
                    BudgetTable.SK, AttributeValue.fromS(SORT_KEY));
            Map<String, AttributeValue> item = new HashMap<>(itemKey);
            // DynamoDB TTL reads epoch seconds, rounded up here so the item outlives the last notice it may meet.
            item.put(BudgetTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAtMillis / 1000 + 1)));
            item.put(CLAIM, AttributeValue.fromS(claim));
            try {
                // TTL deletes expired items only within days: an expired one is claimed again as if absent.
                dynamoDb.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(" + BudgetTable.PK + ") OR "
                                + BudgetTable.EXPIRES_AT + " < :now")
                        .expressionAttributeValues(Map.of(":now",
                                AttributeValue.fromN(Long.toString(clockMs.getAsLong() / 1000)))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> found = dynamoDb.getItem(b -> b.tableName(table).key(itemKey)
                        .consistentRead(true)).item();
                AttributeValue owner = found == null ? null : found.get(CLAIM);
                return owner != null && claim.equals(owner.s());
            }
        }

        private String pk() {
            HexFormat hex = HexFormat.of();
            return "notice#" + hex.toHexDigits(key.high()) + hex.toHexDigits(key.low());
        }
    }
}
