package org.fargatedsp.shipper.query;

import java.util.Locale;

/**
 * Translates the Hive column types of an Athena DDL ({@code array<struct<a:string>>}) into the type names DuckDB
 * reports for the same columns ({@code STRUCT(a VARCHAR)[]}), so a test can compare the two tables' schemas.
 */
final class HiveTypes {
    private final String text;
    private int at;

    private HiveTypes(String text) {
        this.text = text.replaceAll("\\s+", "");
    }

    static String toDuckDb(String hiveType) {
        HiveTypes parser = new HiveTypes(hiveType);
        String type = parser.type();
        if (parser.at != parser.text.length()) {
            throw new IllegalArgumentException("unexpected '" + parser.text.substring(parser.at) + "' in " + hiveType);
        }
        return type;
    }

    private String type() {
        String name = name();
        switch (name) {
            case "array" -> {
                expect('<');
                String element = type();
                expect('>');
                return element + "[]";
            }
            case "struct" -> {
                expect('<');
                StringBuilder struct = new StringBuilder("STRUCT(").append(field());
                while (accept(',')) {
                    struct.append(", ").append(field());
                }
                expect('>');
                return struct.append(')').toString();
            }
            case "decimal" -> {
                int close = text.indexOf(')', at);
                String digits = text.substring(at, close + 1);
                at = close + 1;
                return "DECIMAL" + digits;
            }
            case "string" -> {
                return "VARCHAR";
            }
            case "int" -> {
                return "INTEGER";
            }
            case "bigint", "boolean", "double" -> {
                return name.toUpperCase(Locale.ROOT);
            }
            default -> throw new IllegalArgumentException("no DuckDB type for Hive type " + name + " in " + text);
        }
    }

    private String field() {
        String name = name();
        expect(':');
        return name + ' ' + type();
    }

    private String name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean accept(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + " of " + text);
        }
    }
}
