package org.fargatedsp.bidder.budget;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.notice.TestNotices;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Several bidders in this JVM, each with its own port, event loops and lease keeper, against one budget table in
 * moto's DynamoDB, on one wall clock the test moves: a fleet behind a load balancer, where a bid's notices may
 * reach any task. Two campaigns: {@value #BUDGETED} (banner 300x250, bid 1.00 CPM, the budget the test gives) and
 * {@value #UNBUDGETED} (banner 728x90, no budget).
 */
final class Fleet implements AutoCloseable {
    static final String TABLE = "budgets";
    static final String BUDGETED = "budgeted";
    static final String UNBUDGETED = "unbudgeted";
    /** The bid window and lease TTL of the fleet, on its clock; the keepers tick every 20 ms of real time. */
    static final long WINDOW_MS = 1_000;
    static final long FLUSH_MS = 20;
    static final long TTL_MS = 4_000;
    /** One impression at 1.00 CPM: the most a bid can cost, in micros. */
    static final long COST = 1_000;
    /**
     * How long the fleet may take to catch up with the table: to write every notice a round billed (each a
     * conditional put, then a write, on moto's one Python process, which a loaded machine holds up for seconds), or
     * what it kept once moto's server is back (its client backs off).
     */
    static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** 2026-03-08T12:00:00Z. */
    static final long NOON = 1_772_971_200_000L;
    private static final String TODAY = "day#2026-03-08";

    final AtomicLong clock;
    final List<RunningBidder> bidders = new ArrayList<>();
    private final MotoServer moto;
    private final Path campaigns;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param budget the budgeted campaign's fields, such as {@code "daily_budget":1,"pacing":"asap"}
     * @param env settings over the fleet's
     */
    Fleet(MotoServer moto, int size, long startMs, String budget, Map<String, String> env) {
        this.moto = moto;
        this.clock = new AtomicLong(startMs);
        BudgetTable.create(moto.dynamoDb(), TABLE);
        try {
            campaigns = Files.createTempFile("fleet-campaigns", ".json");
            Files.writeString(campaigns, """
                    {"campaigns": [
                      {"id": "budgeted", "adomain": ["b.example"], "bid_cpm": 1.00, %s,
                       "creatives": [{"id": "b-300x250", "type": "banner", "w": 300, "h": 250, "adm": "<a>b</a>"}]},
                      {"id": "unbudgeted", "adomain": ["u.example"], "bid_cpm": 1.00,
                       "creatives": [{"id": "u-728x90", "type": "banner", "w": 728, "h": 90, "adm": "<a>u</a>"}]}
                    ]}""".formatted(budget));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(moto.awsEnvironment());
        all.putAll(Map.of("BUDGET_TABLE", TABLE, "BUDGET_FLUSH_MS", Long.toString(FLUSH_MS),
                "BUDGET_BID_WINDOW_MS", Long.toString(WINDOW_MS), "BUDGET_LEASE_TTL_MS", Long.toString(TTL_MS),
                "BUDGET_SLICE_MIN_MICROS", "5000", "BUDGET_SLICE_MAX_PERCENT", "5",
                "CAMPAIGNS_FILE", campaigns.toString(), "BID_LOG_ENABLED", "false",
                // One key for the fleet: a notice is verified by whichever bidder it reaches.
                "NOTICE_SIGNING_KEY", TestNotices.KEY_A));
        all.putAll(env);
        for (int i = 0; i < size; i++) {
            bidders.add(RunningBidder.start(all, clock::get));
        }
    }

    RunningBidder bidder(int i) {
        return bidders.get(i);
    }

    LeaseKeeper keeper(int i) {
        return bidder(i).bidder().fleet().keeper();
    }

    /** A bid for a banner of {@code w}x{@code h} from bidder {@code i}, or null for a no-bid. */
    JsonNode bid(int i, int w, int h) {
        String body = """
                {"id": "r%d", "imp": [{"id": "1", "banner": {"w": %d, "h": %d}}], "site": {"domain": "pub.example"}}"""
                .formatted(requests.incrementAndGet(), w, h);
        HttpResponse<byte[]> response = bidder(i).bid(body.getBytes(StandardCharsets.UTF_8), "2.6");
        if (response.statusCode() == 204) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("bid answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            return Json.MAPPER.readTree(response.body()).path("seatbid").get(0).path("bid").get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code bid}'s billing notice, cleared at {@code cpm}, to bidder {@code i}; returns the status. */
    int bill(int i, JsonNode bid, String cpm) {
        URI burl = URI.create(bid.path("burl").asText().replace("${AUCTION_PRICE}", cpm));
        return bidder(i).send(HttpRequest.newBuilder(bidder(i).uri(burl.getRawPath() + "?" + burl.getRawQuery()))
                .GET().build()).statusCode();
    }

    /** The ticks each bidder's lease keeper ran. */
    long[] ticksOfEach() {
        long[] ticks = new long[bidders.size()];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = keeper(i).ticks();
        }
        return ticks;
    }

    /** Whether every keeper ran {@code more} ticks since {@code ticks}. */
    boolean ticked(long[] ticks, int more) {
        for (int i = 0; i < ticks.length; i++) {
            if (keeper(i).ticks() < ticks[i] + more) {
                return false;
            }
        }
        return true;
    }

    /** Spend not yet written, over every bidder. */
    long unflushed() {
        return overKeepers(LeaseKeeper::unflushedMicros);
    }

    /** An attribute of a row of the budgeted campaign, 0 when absent. */
    long row(String campaign, String period, String attribute) {
        return number(item(campaign, period), attribute);
    }

    /** An attribute of the budgeted campaign's row of the day of noon. */
    long today(String attribute) {
        return row(BUDGETED, TODAY, attribute);
    }

    /**
     * Whether the budgeted campaign's row of the day, read at once, keeps {@code reserved = spent + leased} and
     * {@code leased} = the sum of its tasks' {@code held:} leases, as every write of {@link DynamoDbBudgetStore}
     * does when each is atomic.
     */
    boolean todayConsistent() {
        Map<String, AttributeValue> item = item(BUDGETED, TODAY);
        long held = 0;
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            if (a.getKey().startsWith(BudgetTable.HELD)) {
                held += Long.parseLong(a.getValue().n());
            }
        }
        long leased = number(item, BudgetTable.LEASED);
        return number(item, BudgetTable.RESERVED) == number(item, BudgetTable.SPENT) + leased && leased == held;
    }

    /** Spend of billing notices counted after their bid window, over every bidder. */
    long lateSpend() {
        return overKeepers(LeaseKeeper::lateSpendMicros);
    }

    private long overKeepers(ToLongFunction<LeaseKeeper> figure) {
        long sum = 0;
        for (int i = 0; i < bidders.size(); i++) {
            sum += figure.applyAsLong(keeper(i));
        }
        return sum;
    }

    private Map<String, AttributeValue> item(String campaign, String period) {
        DynamoDbClient dynamoDb = moto.dynamoDb();
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                BudgetTable.PK, AttributeValue.fromS(BudgetTable.campaignKey(campaign)),
                BudgetTable.SK, AttributeValue.fromS(period)))).item();
        return item == null ? Map.of() : item;
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    @Override
    public void close() {
        for (RunningBidder bidder : bidders) {
            bidder.close();
        }
        try {
            Files.deleteIfExists(campaigns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
