package org.fargatedsp.bidder.campaign;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses new campaigns that would drop more than {@code CAMPAIGNS_MAX_DROP_PERCENT} of those loaded, by id: a file
 * emptied by mistake, a table whose campaigns were deleted by a script gone wrong. The same guard for every source.
 */
public final class DropGuard {
    private static final int DROPPED_IDS_SHOWN = 5;

    private final int maxDropPercent;

    /** @param maxDropPercent the most of the loaded campaigns (by id, in percent) new ones may drop; 100 allows all */
    public DropGuard(int maxDropPercent) {
        this.maxDropPercent = maxDropPercent;
    }

    public int maxDropPercent() {
        return maxDropPercent;
    }

    /** Why {@code next} may not replace {@code loaded}, or null when it may; nothing loaded yet allows anything. */
    public String refusal(List<Campaign> loaded, List<Campaign> next) {
        if (maxDropPercent >= 100 || loaded.isEmpty()) {
            return null;
        }
        Set<String> kept = new HashSet<>();
        for (Campaign c : next) {
            kept.add(c.id());
        }
        int dropped = 0;
        List<String> shown = new ArrayList<>();
        for (Campaign c : loaded) {
            if (!kept.contains(c.id())) {
                dropped++;
                if (shown.size() < DROPPED_IDS_SHOWN) {
                    shown.add(c.id());
                }
            }
        }
        if ((long) dropped * 100 <= (long) maxDropPercent * loaded.size()) {
            return null;
        }
        return "it would drop " + dropped + " of the " + loaded.size() + " campaigns loaded (" + dropped * 100
                / loaded.size() + "%, more than CAMPAIGNS_MAX_DROP_PERCENT=" + maxDropPercent + "), such as "
                + String.join(", ", shown);
    }
}
