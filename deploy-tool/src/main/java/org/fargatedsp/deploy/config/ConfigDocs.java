package org.fargatedsp.deploy.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fargatedsp.config.DocsTable;

/**
 * The configuration table of docs/deploy-tool.md, printed from {@link ConfigKeys}. {@code main} rewrites it in
 * place ({@code java -cp deploy-tool/target/deploy-tool.jar org.fargatedsp.deploy.config.ConfigDocs
 * [repository root]}); a test fails when the document differs from it.
 */
public final class ConfigDocs {
    /** The table; its names are keys, which are more than variables here: {@code <!-- config-table:deploy-tool -->}. */
    public static final DocsTable TABLE = DocsTable.of(ConfigKeys.ALL).nameHeader("key")
            .in("docs/deploy-tool.md", "deploy-tool");

    private ConfigDocs() {}

    public static void main(String[] args) throws IOException {
        DocsTable.rewriteUnder(Path.of(args.length > 0 ? args[0] : ""), List.of(TABLE)).forEach(System.out::println);
    }
}
