package org.fargatedsp.deploy.config;

import java.io.IOException;
import java.nio.file.Path;
import org.fargatedsp.config.DocsTable;

/**
 * The configuration table of docs/deploy-tool.md, printed from {@link ConfigKeys}. {@code main} rewrites it in
 * place ({@code java -cp deploy-tool/target/deploy-tool.jar org.fargatedsp.deploy.config.ConfigDocs
 * [docs/deploy-tool.md]}); a test fails when the document differs from it.
 */
public final class ConfigDocs {
    /** The id of the document's markers: {@code <!-- config-table:deploy-tool -->}. */
    public static final String TABLE_ID = "deploy-tool";

    private ConfigDocs() {}

    /** The table as it belongs in the document; its names are keys, which are more than variables here. */
    public static String table() {
        return DocsTable.of(ConfigKeys.ALL).nameHeader("key").markdown();
    }

    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/deploy-tool.md");
        boolean changed = DocsTable.rewrite(doc, TABLE_ID, table());
        System.out.println(doc + (changed ? ": configuration table rewritten" : ": configuration table up to date"));
    }
}
