package org.fargatedsp.bidder.campaign.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignSource.Loaded;

/**
 * The campaigns read from a table, by id, and when the read began: what the next refresh reads changes since.
 * Immutable; each read makes a new one. Its version adds up a hash of each campaign's item, so the same campaigns
 * have the same version whether they were read whole or change by change.
 */
final class TableState {
    /** One campaign as read: the campaign, the hash of its item, and when the item was written. */
    record Entry(Campaign campaign, long hash, long updatedAtMillis) {}

    /**
     * What one item read says: put {@code entry}, remove the campaign ({@code entry} null, a tombstone), or, when
     * {@code invalid}, keep whatever was read of it before.
     */
    record Change(String id, Entry entry, long updatedAtMillis, boolean invalid) {
        static Change put(String id, Entry entry) {
            return new Change(id, entry, entry.updatedAtMillis(), false);
        }

        static Change removed(String id, long updatedAtMillis) {
            return new Change(id, null, updatedAtMillis, false);
        }

        static Change unusable(String id) {
            return new Change(id, null, CampaignItem.NO_UPDATED_AT, true);
        }
    }

    private final Map<String, Entry> entries;
    private final long readAtMillis;

    private TableState(Map<String, Entry> entries, long readAtMillis) {
        this.entries = entries;
        this.readAtMillis = readAtMillis;
    }

    /**
     * The table as a whole read gives it: campaigns absent from {@code changes} are gone, and one that is
     * unusable now keeps its version in {@code previous} (null at start), if any.
     */
    static TableState whole(List<Change> changes, TableState previous, long readAtMillis) {
        Map<String, Entry> entries = new HashMap<>();
        for (Change change : changes) {
            if (change.invalid()) {
                Entry before = previous == null ? null : previous.entries.get(change.id());
                if (before != null) {
                    entries.put(change.id(), before);
                }
            } else if (change.entry() != null) {
                entries.put(change.id(), change.entry());
            }
        }
        return new TableState(entries, readAtMillis);
    }

    /**
     * This state with {@code changes} applied: an item older than the one held (the index lags the table, and
     * changes are read again within the clock-skew margin) changes nothing, nor does an unusable one.
     */
    TableState with(List<Change> changes, long readAtMillis) {
        Map<String, Entry> next = new HashMap<>(entries);
        for (Change change : changes) {
            Entry held = next.get(change.id());
            if (change.invalid() || (held != null && held.updatedAtMillis() > change.updatedAtMillis())) {
                continue;
            }
            if (change.entry() == null) {
                next.remove(change.id());
            } else {
                next.put(change.id(), change.entry());
            }
        }
        return new TableState(next, readAtMillis);
    }

    /** When the read that made this state began (the bidder's clock, epoch milliseconds). */
    long readAtMillis() {
        return readAtMillis;
    }

    /** The campaigns, ordered by id so that every task indexes the same set the same way, and their version. */
    Loaded loaded() {
        List<Campaign> campaigns = new ArrayList<>(entries.size());
        long sum = 0;
        for (Entry entry : new TreeMap<>(entries).values()) {
            campaigns.add(entry.campaign());
            sum += entry.hash();
        }
        return new Loaded(campaigns, "items:" + entries.size() + ":" + Long.toHexString(sum), this);
    }
}
