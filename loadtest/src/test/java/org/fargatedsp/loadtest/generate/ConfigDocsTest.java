package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.loadtest.scenario.CapacityConfig;
import org.fargatedsp.loadtest.scenario.VerdictCommand;
import org.fargatedsp.loadtest.stalls.StallsCommand;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    @Test
    void documentedTablesAreTheOnesPrintedFromTheKeys() throws IOException {
        assertThat(DocsTable.differencesUnder(Path.of(".."), ConfigDocs.TABLES)).as("rewrite them with java -cp"
                + " loadtest/target/loadtest.jar org.fargatedsp.loadtest.generate.ConfigDocs").isEmpty();
    }

    @Test
    void everyDeclaredKeyIsInItsTableOnce() {
        assertThat(ConfigDocs.GENERATOR.differenceFromKeysIn(Config.class)).isEmpty();
        assertThat(ConfigDocs.SCENARIO.differenceFromKeysIn(CapacityConfig.class, VerdictCommand.class,
                StallsCommand.class)).isEmpty();
        assertThat(ConfigDocs.BASELINE.differenceFromKeysIn(org.fargatedsp.loadtest.baseline.Config.class)).isEmpty();
    }
}
