package org.fargatedsp.bidder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.metrics.BidderMetricsKeys;
import org.fargatedsp.config.DocsTable;

/**
 * The bidder's configuration tables, printed from its keys: every key in the README, and the metrics' and the bid
 * log's again in docs/observability.md. {@code main} rewrites them in place ({@code java -cp bidder/target/bidder.jar
 * org.fargatedsp.bidder.ConfigDocs [repository root]}); a test fails when a document differs from them.
 */
public final class ConfigDocs {
    /** Every key, in the README: {@code <!-- config-table:bidder -->}. */
    public static final DocsTable README = DocsTable.of(Config.KEYS).in("README.md", "bidder");
    /** The metrics' keys, where docs/observability.md describes the metrics. */
    public static final DocsTable METRICS = DocsTable.of(BidderMetricsKeys.KEYS).in("docs/observability.md", "metrics");
    /** The bid log's keys, where docs/observability.md describes the bid log. */
    public static final DocsTable BID_LOG = DocsTable.of(BidLogConfig.KEYS).in("docs/observability.md", "bid-log");

    /** Every table, document by document. */
    public static final List<DocsTable> TABLES = List.of(README, METRICS, BID_LOG);

    private ConfigDocs() {}

    public static void main(String[] args) throws IOException {
        DocsTable.rewriteUnder(Path.of(args.length > 0 ? args[0] : ""), TABLES).forEach(System.out::println);
    }
}
