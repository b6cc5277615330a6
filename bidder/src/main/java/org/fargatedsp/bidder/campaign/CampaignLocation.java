package org.fargatedsp.bidder.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the bidder's campaigns come from, as {@code CAMPAIGNS_SOURCE} writes it: {@code embedded} (the set in the
 * jar), {@code file:PATH} (a campaign file) or {@code dynamodb:TABLE} (a DynamoDB table).
 *
 * @param file the campaign file, for {@link Kind#FILE}
 * @param table the table's name, for {@link Kind#DYNAMODB}
 */
public record CampaignLocation(Kind kind, Path file, String table) {
    /** The kinds of source. */
    public enum Kind { EMBEDDED, FILE, DYNAMODB }

    /** The set embedded in the jar. */
    public static final CampaignLocation EMBEDDED = new CampaignLocation(Kind.EMBEDDED, null, null);
    /** DynamoDB's rules for a table name (CreateTable, TableName). */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final String FILE_PREFIX = "file:";
    private static final String TABLE_PREFIX = "dynamodb:";

    /** A campaign file. */
    public static CampaignLocation file(Path file) {
        return new CampaignLocation(Kind.FILE, file, null);
    }

    /** A DynamoDB table. */
    public static CampaignLocation table(String table) {
        return new CampaignLocation(Kind.DYNAMODB, null, table);
    }

    /**
     * Reads {@code CAMPAIGNS_SOURCE}'s value; a file must be readable now.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static CampaignLocation parse(String text) {
        if (text.toLowerCase(Locale.ROOT).equals("embedded")) {
            return EMBEDDED;
        }
        if (text.startsWith(FILE_PREFIX)) {
            Path file = Path.of(text.substring(FILE_PREFIX.length()));
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("no readable file there");
            }
            return file(file);
        }
        if (text.startsWith(TABLE_PREFIX)) {
            String table = text.substring(TABLE_PREFIX.length());
            if (!TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("a DynamoDB table name is 3 to 255 letters, digits, '_', '-' and"
                        + " '.'");
            }
            return table(table);
        }
        throw new IllegalArgumentException("must be embedded, file:PATH or dynamodb:TABLE");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EMBEDDED -> "embedded";
            case FILE -> FILE_PREFIX + file;
            case DYNAMODB -> TABLE_PREFIX + table;
        };
    }
}
