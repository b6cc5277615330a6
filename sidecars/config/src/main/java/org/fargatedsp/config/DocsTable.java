package org.fargatedsp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The markdown table that documents a program's keys ({@code | variable | default | meaning |}), printed from
 * the keys themselves so the documentation cannot drift from the code, and the markers that hold it in a
 * document: {@code <!-- config-table:ID -->} and {@code <!-- /config-table:ID -->}, each on a line of its own.
 *
 * <p>Each program lists its tables, each {@link #in placed} in its document, in a {@code ConfigDocs} class. Its main
 * rewrites them ({@link #rewriteUnder(Path, List)}); its test fails, saying which lines differ, when a document does
 * not hold its table ({@link #differencesUnder}) or a table leaves out a key ({@link #differenceFromKeysIn}):
 *
 * <pre>{@code
 * assertThat(DocsTable.differencesUnder(Path.of(".."), ConfigDocs.TABLES)).isEmpty();
 * assertThat(ConfigDocs.README.differenceFromKeysIn(Config.class)).isEmpty();
 * }</pre>
 */
public final class DocsTable {
    private final List<Key<?>> keys;
    private final String nameHeader;
    private final List<String> headersBefore;
    private final List<Function<Key<?>, String>> cellsBefore;
    private final String document;
    private final String id;

    private DocsTable(List<Key<?>> keys, String nameHeader, List<String> headersBefore,
            List<Function<Key<?>, String>> cellsBefore, String document, String id) {
        this.keys = keys;
        this.nameHeader = nameHeader;
        this.headersBefore = headersBefore;
        this.cellsBefore = cellsBefore;
        this.document = document;
        this.id = id;
    }

    /** A table of {@code keys}, in their order. */
    public static DocsTable of(List<? extends Key<?>> keys) {
        return new DocsTable(List.copyOf(keys), "variable", List.of(), List.of(), null, null);
    }

    /** This table with another header over the names, such as {@code key} where the names are not variables. */
    public DocsTable nameHeader(String header) {
        return new DocsTable(keys, header, headersBefore, cellsBefore, document, id);
    }

    /** This table with one more column before the names, such as the command-line flag that sets each key. */
    public DocsTable columnBefore(String header, Function<Key<?>, String> cell) {
        List<String> headers = new ArrayList<>(headersBefore);
        headers.add(header);
        List<Function<Key<?>, String>> cells = new ArrayList<>(cellsBefore);
        cells.add(cell);
        return new DocsTable(keys, nameHeader, List.copyOf(headers), List.copyOf(cells), document, id);
    }

    /**
     * This table where it stands: in {@code document}, a path from the repository's root such as
     * {@code docs/loadtest.md}, between the markers of table {@code id}.
     */
    public DocsTable in(String document, String id) {
        return new DocsTable(keys, nameHeader, headersBefore, cellsBefore, Objects.requireNonNull(document),
                Objects.requireNonNull(id));
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

    /**
     * How the table as it stands in its document under {@code root} differs from the table printed from the keys, for
     * a test that fails when a key changed and its documentation did not: the lines that only one of them has, or
     * that they have the same lines in another order. Empty when the document holds exactly this table.
     */
    public String differenceUnder(Path root) throws IOException {
        String documented = between(Files.readString(root.resolve(placed()), StandardCharsets.UTF_8), id);
        String printed = markdown();
        if (documented.equals(printed)) {
            return "";
        }
        List<String> documentedLines = documented.lines().toList();
        List<String> printedLines = printed.lines().toList();
        StringBuilder difference = new StringBuilder(document + ", table " + id + ":");
        int before = difference.length();
        onlyIn(difference, "only in the document:       ", documentedLines, printedLines);
        onlyIn(difference, "only printed from the keys: ", printedLines, documentedLines);
        if (difference.length() == before) {
            difference.append("\n  the same lines as printed from the keys, in another order or repeated");
        }
        return difference.toString();
    }

    private static void onlyIn(StringBuilder difference, String label, List<String> these, List<String> others) {
        for (String line : these) {
            if (!others.contains(line)) {
                difference.append("\n  ").append(label).append(line);
            }
        }
    }

    /** Puts this table between its markers in its document under {@code root}; true when that changed the document. */
    public boolean rewriteUnder(Path root) throws IOException {
        return rewrite(root.resolve(placed()), id, markdown());
    }

    /** {@link #differenceUnder} of each table, one after another: empty when every document holds its table. */
    public static String differencesUnder(Path root, List<DocsTable> tables) throws IOException {
        List<String> differences = new ArrayList<>();
        for (DocsTable table : tables) {
            String difference = table.differenceUnder(root);
            if (!difference.isEmpty()) {
                differences.add(difference);
            }
        }
        return String.join("\n", differences);
    }

    /**
     * Rewrites each table in its document under {@code root}, for a program's {@code ConfigDocs} main; returns one
     * line per table, saying whether it was rewritten.
     */
    public static List<String> rewriteUnder(Path root, List<DocsTable> tables) throws IOException {
        List<String> lines = new ArrayList<>();
        for (DocsTable table : tables) {
            boolean rewritten = table.rewriteUnder(root);
            lines.add(table.document + ", table " + table.id + (rewritten ? ": rewritten" : ": up to date"));
        }
        return lines;
    }

    /**
     * How the keys of this table differ from those {@code holders} declare (in their static {@code Key} fields), so
     * that a key declared and left out of the table, or listed twice, fails a test: one line for each key declared
     * and not in the table, in the table more than once, or in the table and declared by none of them. Empty when
     * the table has each declared key once.
     */
    public String differenceFromKeysIn(Class<?>... holders) {
        Set<String> declared = new LinkedHashSet<>();
        for (Key<?> key : DeclaredKeys.in(holders)) {
            declared.add(key.name());
        }
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Key<?> key : keys) {
            if (!listed.add(key.name())) {
                problems.add(key.name() + " is in the table more than once");
            } else if (!declared.contains(key.name())) {
                problems.add(key.name() + " is in the table and declared in none of " + DeclaredKeys.names(holders));
            }
        }
        for (String name : declared) {
            if (!listed.contains(name)) {
                problems.add(name + " is declared and not in the table");
            }
        }
        return String.join("\n", problems);
    }

    private String placed() {
        if (document == null) {
            throw new IllegalStateException("the table has no place in a document: give it one with in(document, id)");
        }
        return document;
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
