package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.metrics.MetricsConfig;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    @Test
    void theReadmesTableIsTheOnePrintedFromTheKeys() throws IOException {
        assertThat(DocsTable.differencesUnder(Path.of("../.."), ConfigDocs.TABLES)).as("rewrite it with java -cp"
                + " sidecars/log-shipper/target/log-shipper.jar org.fargatedsp.shipper.ConfigDocs").isEmpty();
    }

    @Test
    void everyDeclaredKeyIsInTheTableOnce() {
        assertThat(ConfigDocs.README.differenceFromKeysIn(ShipperConfig.class, MetricsConfig.class)).isEmpty();
    }
}
