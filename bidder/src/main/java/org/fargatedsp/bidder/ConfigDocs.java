package org.fargatedsp.bidder;

import java.io.IOException;
import java.nio.file.Path;
import org.fargatedsp.config.DocsTable;

/**
 * The README's configuration table, printed from the bidder's keys. {@code main} rewrites it in place
 * ({@code java -cp bidder/target/bidder.jar org.fargatedsp.bidder.ConfigDocs [README.md]}); a test fails when the
 * README differs from it.
 */
public final class ConfigDocs {
    /** The id of the README's markers: {@code <!-- config-table:bidder -->}. */
    public static final String TABLE_ID = "bidder";

    private ConfigDocs() {}

    /** The table as it belongs in the README. */
    public static String table() {
        return DocsTable.of(Config.KEYS).markdown();
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        boolean changed = DocsTable.rewrite(readme, TABLE_ID, table());
        System.out.println(readme + (changed ? ": configuration table rewritten" : ": configuration table up to date"));
    }
}
