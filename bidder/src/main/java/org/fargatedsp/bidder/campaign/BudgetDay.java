package org.fargatedsp.bidder.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One day of a campaign's time zone, as the epoch milliseconds it starts at (inclusive) and ends at (exclusive): 24
 * hours, or 23 and 25 on the days daylight saving time begins and ends.
 */
public record BudgetDay(ZoneId zone, long epochDay, long startMillis, long endMillis) {

    /** The day of {@code zone} that holds the instant {@code atMillis}. */
    public static BudgetDay of(ZoneId zone, long atMillis) {
        LocalDate date = Instant.ofEpochMilli(atMillis).atZone(zone).toLocalDate();
        return new BudgetDay(zone, date.toEpochDay(), date.atStartOfDay(zone).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }

    public boolean contains(long atMillis) {
        return atMillis >= startMillis && atMillis < endMillis;
    }

    /** The date, as ISO-8601 writes it: {@code 2026-03-08}. */
    public String date() {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /** The time zone's name, for people: its id, or UTC. */
    public String zoneName() {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /**
     * The spend {@code pacing} allows by {@code nowMillis} out of a daily {@code budgetMicros}: all of it as soon as
     * possible, or evenly, the share of the day gone by plus {@code burstPercent} of the budget, never more than
     * the budget. Arithmetic only: it is asked on the request path.
     */
    public long allowed(long budgetMicros, Pacing pacing, long nowMillis, int burstPercent) {
        if (pacing == Pacing.ASAP || budgetMicros == Campaign.NO_BUDGET) {
            return budgetMicros;
        }
        long elapsed = Math.max(0, Math.min(nowMillis - startMillis, endMillis - startMillis));
        double curve = (double) budgetMicros * elapsed / (endMillis - startMillis);
        return Math.min(budgetMicros, (long) curve + budgetMicros / 100 * burstPercent);
    }
}
