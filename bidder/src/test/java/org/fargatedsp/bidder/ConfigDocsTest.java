package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.fargatedsp.bidder.aws.AwsConfig;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.budget.BudgetConfig;
import org.fargatedsp.bidder.metrics.BidderMetricsKeys;
import org.fargatedsp.metrics.MetricsConfig;
import org.fargatedsp.bidder.notice.NoticeSecrets;
import org.fargatedsp.config.DocsTable;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    @Test
    void documentedTablesAreTheOnesPrintedFromTheKeys() throws IOException {
        assertThat(DocsTable.differencesUnder(Path.of(".."), ConfigDocs.TABLES))
                .as("rewrite them with java -cp bidder/target/bidder.jar org.fargatedsp.bidder.ConfigDocs").isEmpty();
    }

    @Test
    void everyDeclaredKeyIsInItsTableOnce() {
        assertThat(ConfigDocs.README.differenceFromKeysIn(Config.class, NoticeSecrets.class, BudgetConfig.class,
                BidLogConfig.class, MetricsConfig.class, BidderMetricsKeys.class, AwsConfig.class)).isEmpty();
        assertThat(ConfigDocs.METRICS.differenceFromKeysIn(MetricsConfig.class, BidderMetricsKeys.class)).isEmpty();
        assertThat(ConfigDocs.BID_LOG.differenceFromKeysIn(BidLogConfig.class)).isEmpty();
    }
}
