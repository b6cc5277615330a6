package org.fargatedsp.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.config.Key;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void documentedTableIsTheOnePrintedFromTheKeys() throws IOException {
        String doc = Files.readString(Path.of("../docs/deploy-tool.md"));

        assertThat(DocsTable.between(doc, ConfigDocs.TABLE_ID))
                .as("docs/deploy-tool.md's configuration table; rewrite it with java -cp"
                        + " deploy-tool/target/deploy-tool.jar org.fargatedsp.deploy.config.ConfigDocs docs/deploy-tool.md")
                .isEqualTo(ConfigDocs.table());
    }

    @Test
    void everyDeclaredKeyIsInTheTableOnce() throws IllegalAccessException {
        List<String> declared = new ArrayList<>();
        for (Field field : ConfigKeys.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Key.class) {
                declared.add(((Key<?>) field.get(null)).name());
            }
        }

        assertThat(ConfigKeys.ALL).extracting(Key::name).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(declared);
    }
}
