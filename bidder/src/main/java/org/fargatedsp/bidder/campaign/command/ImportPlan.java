package org.fargatedsp.bidder.campaign.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fargatedsp.bidder.campaign.table.CampaignItem;

/**
 * What an import writes: the file's campaigns that are new to the table or differ from its items, and with
 * {@code --prune} a tombstone for each campaign of the table the file no longer has. A campaign the table already
 * holds as the file says is not written again, so its {@code updated_at} stays and no bidder reads it again.
 */
record ImportPlan(List<CampaignItem> created, List<CampaignItem> changed, int unchanged, List<CampaignItem> deleted) {

    /**
     * @param file the file's items, valid
     * @param table the table's items that could be read, by id
     * @param tableIds the id of every item of the table, readable or not
     */
    static ImportPlan of(List<CampaignItem> file, Map<String, CampaignItem> table, Set<String> tableIds,
            boolean prune, long nowMillis) {
        List<CampaignItem> created = new ArrayList<>();
        List<CampaignItem> changed = new ArrayList<>();
        int unchanged = 0;
        Set<String> inFile = new HashSet<>();
        for (CampaignItem item : file) {
            inFile.add(item.id());
            CampaignItem held = table.get(item.id());
            if (held != null && held.sameCampaign(item)) {
                unchanged++;
            } else if (tableIds.contains(item.id()) && (held == null || held.status() != CampaignItem.Status.DELETED)) {
                changed.add(item);
            } else {
                created.add(item);
            }
        }
        List<CampaignItem> deleted = new ArrayList<>();
        if (prune) {
            for (String id : tableIds) {
                CampaignItem held = table.get(id);
                if (!inFile.contains(id) && (held == null || held.status() != CampaignItem.Status.DELETED)) {
                    deleted.add(CampaignItem.tombstone(id, nowMillis));
                }
            }
            deleted.sort((a, b) -> a.id().compareTo(b.id()));
        }
        return new ImportPlan(created, changed, unchanged, deleted);
    }

    /** Every item to write. */
    List<CampaignItem> writes() {
        List<CampaignItem> writes = new ArrayList<>(created);
        writes.addAll(changed);
        writes.addAll(deleted);
        return writes;
    }

    /** One line: how many campaigns are new, changed, unchanged and deleted. */
    String summary() {
        return created.size() + " new, " + changed.size() + " changed, " + unchanged + " unchanged, " + deleted.size()
                + " deleted";
    }
}
