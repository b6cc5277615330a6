package org.fargatedsp.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    @Test
    void documentedTableIsTheOnePrintedFromTheKeys() throws IOException {
        assertThat(ConfigDocs.TABLE.differenceUnder(Path.of(".."))).as("rewrite it with java -cp"
                + " deploy-tool/target/deploy-tool.jar org.fargatedsp.deploy.config.ConfigDocs").isEmpty();
    }

    @Test
    void everyDeclaredKeyIsInTheTableOnce() {
        assertThat(ConfigDocs.TABLE.differenceFromKeysIn(ConfigKeys.class)).isEmpty();
    }
}
