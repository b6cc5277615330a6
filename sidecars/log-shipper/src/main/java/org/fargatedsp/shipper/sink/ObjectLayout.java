package org.fargatedsp.shipper.sink;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;

/**
 * The keys of the objects the S3 and local-directory sinks write, one gzip object per hour part of a batch:
 * {@code <prefix>/year=YYYY/month=MM/day=DD/hour=HH/bids-<task>-<seq, 10 digits>-<first line, 10 digits>-<last
 * line, 10 digits>.jsonl.gz}. The key is a function of the batch alone, so a batch delivered twice (a retry, a
 * restart after {@code kill -9}) overwrites its objects with the same bytes instead of adding duplicates. The hour
 * directories are those of Athena's partition projection (docs/bid-log.md).
 */
public final class ObjectLayout {
    private final String prefix;

    /** @param prefix the key prefix without leading or trailing {@code /}; empty for the bucket's root */
    public ObjectLayout(String prefix) {
        if (prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' must not start or end with /");
        }
        this.prefix = prefix;
    }

    /** The key of the object holding {@code part} of {@code batch}. */
    public String key(Batch batch, HourPart part) {
        LocalDateTime hour = LocalDateTime.ofEpochSecond(part.epochHour() * 3600, 0, ZoneOffset.UTC);
        StringBuilder key = new StringBuilder(prefix.length() + 100);
        if (!prefix.isEmpty()) {
            key.append(prefix).append('/');
        }
        key.append("year=").append(hour.getYear());
        two(key.append("/month="), hour.getMonthValue());
        two(key.append("/day="), hour.getDayOfMonth());
        two(key.append("/hour="), hour.getHour());
        key.append("/bids-").append(batch.file().taskId()).append('-');
        ten(key, batch.file().sequence());
        ten(key.append('-'), batch.firstLine());
        ten(key.append('-'), batch.lastLine());
        return key.append(".jsonl.gz").toString();
    }

    private static void two(StringBuilder key, int value) {
        if (value < 10) {
            key.append('0');
        }
        key.append(value);
    }

    private static void ten(StringBuilder key, long value) {
        String digits = Long.toString(value);
        for (int pad = digits.length(); pad < 10; pad++) {
            key.append('0');
        }
        key.append(digits);
    }
}
