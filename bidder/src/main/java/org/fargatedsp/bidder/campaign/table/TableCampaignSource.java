package org.fargatedsp.bidder.campaign.table;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.CampaignFile.CampaignJson;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Campaigns from a DynamoDB table (README, "Campaigns in DynamoDB"), as one snapshot. A whole read (at start, and
 * every {@code CAMPAIGNS_FULL_RELOAD_EVERY}th refresh) scans the table, in parallel segments when it is large; the
 * refreshes between read only the items written since the last read began, less {@link #SKEW_MARGIN_MS}, from the
 * {@value CampaignTable#INDEX} index, and apply them to what was read before. A table without the index is read
 * whole every time. Each item is validated as a campaign of the campaign file; one that is not is reported once and
 * left out (or kept as it was before it broke), and never stops the others. Runs on the reloader's thread only.
 */
public final class TableCampaignSource implements CampaignSource {
    private static final Logger LOG = LoggerFactory.getLogger(TableCampaignSource.class);
    /**
     * Changes are read from this long before the last read began: a writer's clock may lag the bidder's, and a
     * global secondary index is updated asynchronously (Developer Guide: usually within a second). Items written
     * within it are read twice, which changes nothing.
     */
    static final long SKEW_MARGIN_MS = 60_000;
    /** One scan segment per this much table: a segment reads about 1 MB a page (Developer Guide, "Parallel scan"). */
    static final long SEGMENT_BYTES = 128L << 20;
    static final int MAX_SEGMENTS = 16;
    private static final int INVALID_SHOWN = 5;

    private final CampaignTable table;
    private final String defaultSeat;
    private final int fullReloadEvery;
    private final LongSupplier clockMs;
    /** Items left out as invalid, by id, with why, as last read. */
    private final Map<String, String> invalid = new LinkedHashMap<>();
    private int refreshesSinceWhole;
    private boolean indexed;
    /** What {@code /health} shows, published after each read: the event loop that serves it never waits for one. */
    private volatile Details details = new Details("none", 0, false, 0, Map.of());

    private record Details(String lastRead, int itemsRead, boolean indexed, int invalid, Map<String, String> shown) {}

    /**
     * @param fullReloadEvery every how many refreshes the table is read whole; 1 always
     * @param clockMs the bidder's clock (epoch milliseconds), which dates each read
     */
    public TableCampaignSource(CampaignTable table, String defaultSeat, int fullReloadEvery, LongSupplier clockMs) {
        this.table = table;
        this.defaultSeat = defaultSeat;
        this.fullReloadEvery = fullReloadEvery;
        this.clockMs = clockMs;
    }

    @Override
    public String describe() {
        return "dynamodb:" + table.name();
    }

    /** A table's version is known only by reading it. */
    @Override
    public String peekVersion() {
        return null;
    }

    @Override
    public Loaded loadVersioned() {
        return whole(null);
    }

    @Override
    public synchronized Loaded reload(Loaded current) {
        TableState state = current == null ? null : (TableState) current.position();
        refreshesSinceWhole++;
        if (state == null || !indexed || refreshesSinceWhole >= fullReloadEvery) {
            return whole(state);
        }
        long readAt = clockMs.getAsLong();
        List<Map<String, AttributeValue>> items = table.changedSince(state.readAtMillis() - SKEW_MARGIN_MS);
        if (items.isEmpty()) {
            publish("changes", 0);
            return new Loaded(current.campaigns(), current.version(), state.with(List.of(), readAt));
        }
        Loaded next = state.with(changes(items), readAt).loaded();
        publish("changes", items.size());
        return next;
    }

    /** A table across the network may answer later: start keeps trying. */
    @Override
    public boolean retriesAtStart() {
        return true;
    }

    @Override
    public void addTo(Map<String, Object> health) {
        Details d = details;
        health.put("table", table.name());
        health.put("last_read", d.lastRead());
        health.put("last_read_items", d.itemsRead());
        health.put("reads_changes", d.indexed());
        health.put("invalid_items", d.invalid());
        if (!d.shown().isEmpty()) {
            health.put("invalid", d.shown());
        }
    }

    private synchronized Loaded whole(TableState previous) {
        CampaignTable.Layout layout = table.describe();
        if (layout.indexed() != indexed || details.lastRead().equals("none")) {
            LOG.info(layout.indexed() ? "campaign table has its index of changes: refreshes read only changes"
                            : "campaign table has no index of changes: every refresh reads it whole",
                    kv("table", table.name()), kv("index", CampaignTable.INDEX));
        }
        indexed = layout.indexed();
        long readAt = clockMs.getAsLong();
        List<Map<String, AttributeValue>> items = table.scan(segments(layout.sizeBytes()));
        refreshesSinceWhole = 0;
        Loaded next = TableState.whole(changes(items), previous, readAt).loaded();
        Set<String> present = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            present.add(CampaignItem.idOf(item));
        }
        invalid.keySet().retainAll(present);
        publish("whole", items.size());
        return next;
    }

    private void publish(String read, int items) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : invalid.entrySet()) {
            if (shown.size() == INVALID_SHOWN) {
                break;
            }
            shown.put(e.getKey(), e.getValue());
        }
        details = new Details(read, items, indexed, invalid.size(), Collections.unmodifiableMap(shown));
    }

    /** How many parallel scans read a table of {@code sizeBytes}. */
    static int segments(long sizeBytes) {
        return (int) Math.min(MAX_SEGMENTS, 1 + sizeBytes / SEGMENT_BYTES);
    }

    private List<TableState.Change> changes(List<Map<String, AttributeValue>> items) {
        List<TableState.Change> changes = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            changes.add(change(item));
        }
        return changes;
    }

    private TableState.Change change(Map<String, AttributeValue> raw) {
        String id = CampaignItem.idOf(raw);
        CampaignItem item;
        try {
            item = CampaignItem.read(raw);
        } catch (IllegalArgumentException e) {
            return unusable(id, e.getMessage());
        }
        if (item.status() == CampaignItem.Status.DELETED) {
            invalid.remove(id);
            return TableState.Change.removed(id, item.updatedAtMillis());
        }
        String source = describe() + " item " + id;
        try {
            CampaignJson json = item.campaignJson(source);
            if (json.id() != null && !json.id().equals(id)) {
                return unusable(id, "its campaign's id \"" + json.id() + "\" is not the item's");
            }
            Campaign campaign = CampaignFile.validate(json, CampaignItem.CAMPAIGN, source, defaultSeat);
            invalid.remove(id);
            return TableState.Change.put(id, new TableState.Entry(campaign, hash(item), item.updatedAtMillis()));
        } catch (CampaignFileException e) {
            return unusable(id, String.join("; ", e.problems()));
        }
    }

    /** Reports an item left out, once for each distinct reason. */
    private TableState.Change unusable(String id, String reason) {
        if (!reason.equals(invalid.put(id, reason))) {
            LOG.warn("campaign item is invalid and left out; its campaign bids as it was read before, if it was",
                    kv("table", table.name()), kv("id", id), kv("reason", reason));
        }
        return TableState.Change.unusable(id);
    }

    /** The first 8 bytes of the SHA-256 of what the item says of its campaign: its id, status and JSON. */
    private static long hash(CampaignItem item) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
        }
        digest.update((item.id() + '\0' + item.status().attribute() + '\0').getBytes(StandardCharsets.UTF_8));
        digest.update(item.campaign().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }
}
