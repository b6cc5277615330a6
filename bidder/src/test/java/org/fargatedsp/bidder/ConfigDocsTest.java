package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.metrics.MetricsConfig;
import org.fargatedsp.config.DocsTable;
import org.fargatedsp.config.Key;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void readmeTableIsTheOnePrintedFromTheKeys() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(DocsTable.between(readme, ConfigDocs.TABLE_ID))
                .as("README.md's configuration table; rewrite it with"
                        + " java -cp bidder/target/bidder.jar org.fargatedsp.bidder.ConfigDocs README.md")
                .isEqualTo(ConfigDocs.table());
    }

    @Test
    void everyDeclaredKeyIsInTheTableOnce() throws IllegalAccessException {
        List<String> declared = new ArrayList<>();
        for (Class<?> holder : List.of(Config.class, BidLogConfig.class, MetricsConfig.class)) {
            for (Field field : holder.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Key.class) {
                    declared.add(((Key<?>) field.get(null)).name());
                }
            }
        }

        assertThat(Config.KEYS).extracting(Key::name).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(declared);
    }
}
