package org.fargatedsp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The markdown table that documents a program's keys ({@code | variable | default | meaning |}), printed from
 * the keys themselves so the documentation cannot drift from the code, and the markers that hold it in a
 * document: {@code <!-- config-table:ID -->} and {@code <!-- /config-table:ID -->}, each on a line of its own.
 * A program's test compares its documents with {@link #between}; its {@code ConfigDocs} main rewrites them with
 * {@link #rewrite}.
 */
public final class DocsTable {
    private final List<Key<?>> keys;
    private final String nameHeader;
    private final List<String> headersBefore;
    private final List<Function<Key<?>, String>> cellsBefore;

    private DocsTable(List<Key<?>> keys, String nameHeader, List<String> headersBefore,
            List<Function<Key<?>, String>> cellsBefore) {
        this.keys = keys;
        this.nameHeader = nameHeader;
        this.headersBefore = headersBefore;
        this.cellsBefore = cellsBefore;
    }

    /** A table of {@code keys}, in their order. */
    public static DocsTable of(List<? extends Key<?>> keys) {
        return new DocsTable(List.copyOf(keys), "variable", List.of(), List.of());
    }

    /** This table with another header over the names, such as {@code key} where the names are not variables. */
    public DocsTable nameHeader(String header) {
        return new DocsTable(keys, header, headersBefore, cellsBefore);
    }

    /** This table with one more column before the names, such as the command-line flag that sets each key. */
    public DocsTable columnBefore(String header, Function<Key<?>, String> cell) {
        List<String> headers = new ArrayList<>(headersBefore);
        headers.add(header);
        List<Function<Key<?>, String>> cells = new ArrayList<>(cellsBefore);
        cells.add(cell);
        return new DocsTable(keys, nameHeader, List.copyOf(headers), List.copyOf(cells));
    }

    /** The table, one line per key, ending with a line break. */
    public String markdown() {
        StringBuilder table = new StringBuilder();
        List<String> header = new ArrayList<>(headersBefore);
        header.addAll(List.of(nameHeader, "default", "meaning"));
        row(table, header);
        table.append("|---".repeat(header.size())).append("|\n");
        for (Key<?> key : keys) {
            if (key.doc() == null) {
                throw new IllegalStateException(key.name() + " has no doc line");
            }
            List<String> cells = new ArrayList<>();
            for (Function<Key<?>, String> cell : cellsBefore) {
                cells.add(cell.apply(key));
            }
            cells.add("`" + key.name() + "`");
            cells.add(defaultCell(key));
            cells.add(key.doc());
            row(table, cells);
        }
        return table.toString();
    }

    /** The documented default, else the default value in backticks, else {@code none}. */
    static String defaultCell(Key<?> key) {
        if (key.documentedDefault() != null) {
            return key.documentedDefault();
        }
        String text = key.defaultText();
        return text == null || text.isEmpty() ? "none" : "`" + text + "`";
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            // A bare '|' would end the cell early.
            table.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        table.append('\n');
    }

    /** What {@code document} holds between the markers of table {@code id}, without the blank lines around it. */
    public static String between(String document, String id) {
        int[] span = span(document, id);
        return document.substring(span[0], span[1]).strip() + "\n";
    }

    /** {@code document} with {@code table} between the markers of table {@code id}, a blank line each side. */
    public static String splice(String document, String id, String table) {
        int[] span = span(document, id);
        return document.substring(0, span[0]) + "\n\n" + table.strip() + "\n\n" + document.substring(span[1]);
    }

    /** Puts {@code table} between the markers of table {@code id} in {@code file}; true when that changed it. */
    public static boolean rewrite(Path file, String id, String table) throws IOException {
        String document = Files.readString(file, StandardCharsets.UTF_8);
        String updated = splice(document, id, table);
        if (updated.equals(document)) {
            return false;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        return true;
    }

    /** Where the table's text starts (just after the start marker) and ends (just before the end marker). */
    private static int[] span(String document, String id) {
        String start = "<!-- config-table:" + id + " -->";
        String end = "<!-- /config-table:" + id + " -->";
        int from = document.indexOf(start);
        int to = document.indexOf(end);
        if (from < 0 || to < from || document.indexOf(start, from + 1) >= 0) {
            throw new IllegalArgumentException("the document needs one " + start + " and, after it, one " + end);
        }
        return new int[] {from + start.length(), to};
    }
}
