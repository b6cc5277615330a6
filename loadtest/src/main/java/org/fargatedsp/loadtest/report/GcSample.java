package org.fargatedsp.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code jstat -gc -t}: JVM uptime, old-generation use and the number of collections so
 * far. Columns are found by their header names, so collectors that print more or fewer work too.
 */
public record GcSample(double uptimeS, double oldUsedKb, long collections) {
    /** Every sample in {@code jstat -gc -t} output; header lines may repeat. */
    public static List<GcSample> parse(List<String> lines) {
        List<GcSample> samples = new ArrayList<>();
        String[] header = null;
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 0 || cells[0].isEmpty()) {
                continue;
            }
            if (cells[0].equals("Timestamp")) {
                header = cells;
                continue;
            }
            if (header == null || cells.length != header.length) {
                continue;
            }
            Double uptime = number(cells, header, "Timestamp");
            Double oldUsed = number(cells, header, "OU");
            if (uptime == null || oldUsed == null) {
                continue;
            }
            long collections = 0;
            for (String column : new String[] {"YGC", "FGC", "CGC"}) {
                Double count = number(cells, header, column);
                collections += count == null ? 0 : count.longValue();
            }
            samples.add(new GcSample(uptime, oldUsed, collections));
        }
        return samples;
    }

    private static Double number(String[] cells, String[] header, String column) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(column)) {
                try {
                    return Double.parseDouble(cells[i]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
