package org.fargatedsp.loadtest.generate;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDocsTest {
    private static final String REWRITE = "; rewrite it with java -cp loadtest/target/loadtest.jar"
            + " org.fargatedsp.loadtest.generate.ConfigDocs docs/loadtest.md";

    @Test
    void documentedTablesAreTheOnesPrintedFromTheKeys() throws IOException {
        String doc = Files.readString(Path.of("../docs/loadtest.md"));

        assertThat(DocsTable.between(doc, ConfigDocs.GENERATOR_TABLE_ID))
                .as("docs/loadtest.md's generator table" + REWRITE).isEqualTo(ConfigDocs.generatorTable());
        assertThat(DocsTable.between(doc, ConfigDocs.BASELINE_TABLE_ID))
                .as("docs/loadtest.md's baseline table" + REWRITE).isEqualTo(ConfigDocs.baselineTable());
    }

    @ParameterizedTest
    @ValueSource(classes = {Config.class, org.fargatedsp.loadtest.baseline.Config.class})
    void everyDeclaredKeyIsInItsTableOnce(Class<?> holder) throws ReflectiveOperationException {
        List<String> declared = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Key.class) {
                declared.add(((Key<?>) field.get(null)).name());
            }
        }
        @SuppressWarnings("unchecked")
        List<Key<?>> keys = (List<Key<?>>) holder.getField("KEYS").get(null);

        assertThat(keys).extracting(Key::name).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    }
}
