package org.fargatedsp.shipper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fargatedsp.config.DocsTable;

/**
 * The log shipper's configuration table, printed from its keys into the README's "Log shipper" section.
 * {@code main} rewrites it in place ({@code java -cp sidecars/log-shipper/target/log-shipper.jar
 * org.fargatedsp.shipper.ConfigDocs [repository root]}); a test fails when the README differs from it.
 */
public final class ConfigDocs {
    /** Every key, in the README: {@code <!-- config-table:log-shipper -->}. */
    public static final DocsTable README = DocsTable.of(ShipperConfig.KEYS).in("README.md", "log-shipper");

    /** Every table, document by document. */
    public static final List<DocsTable> TABLES = List.of(README);

    private ConfigDocs() {}

    public static void main(String[] args) throws IOException {
        DocsTable.rewriteUnder(Path.of(args.length > 0 ? args[0] : ""), TABLES).forEach(System.out::println);
    }
}
