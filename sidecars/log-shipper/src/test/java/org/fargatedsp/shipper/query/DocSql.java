package org.fargatedsp.shipper.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL blocks of a markdown page, by the marker comment on their first line ({@code -- query: name}), so a test
 * runs exactly the text the page shows.
 */
final class DocSql {
    private static final Pattern BLOCK = Pattern.compile("```sql\\n-- ([a-z]+: [a-z_-]+)\\n(.*?)```", Pattern.DOTALL);

    private final Path page;
    private final Map<String, String> blocks;

    private DocSql(Path page, Map<String, String> blocks) {
        this.page = page;
        this.blocks = blocks;
    }

    static DocSql read(Path page) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(page));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (m.find()) {
            if (blocks.put(m.group(1), m.group(2)) != null) {
                throw new IllegalStateException(page + " has two blocks marked -- " + m.group(1));
            }
        }
        return new DocSql(page, blocks);
    }

    /** The text of the block marked {@code -- marker}, without the marker line. */
    String block(String marker) {
        String sql = blocks.get(marker);
        if (sql == null) {
            throw new IllegalStateException(page + " has no sql block marked -- " + marker + "; it has " + blocks.keySet());
        }
        return sql;
    }

    /** The markers of every block whose marker starts with {@code kind + ":"}, in page order. */
    List<String> markers(String kind) {
        List<String> markers = new ArrayList<>();
        for (String marker : blocks.keySet()) {
            if (marker.startsWith(kind + ": ")) {
                markers.add(marker);
            }
        }
        return markers;
    }

    /** The statements of a block, each without its closing semicolon. */
    List<String> statements(String marker) {
        List<String> statements = new ArrayList<>();
        for (String statement : block(marker).split(";\\s*(\\n|$)")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
