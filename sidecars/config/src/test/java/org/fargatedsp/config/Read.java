package org.fargatedsp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Reads one key out of a one-entry environment, for the table-driven tests of each type. */
final class Read {
    private Read() {}

    /** The value read; fails the test when the value was refused. */
    static <T> T value(Key<T> key, String value) {
        ConfigReader reader = new ConfigReader(Map.of(key.name(), value));
        T read = reader.get(key);
        assertThat(reader.problems()).as("problems reading %s=%s", key.name(), value).isEmpty();
        return read;
    }

    /** The one problem reading the value makes; fails the test when there is none. */
    static String problem(Key<?> key, String value) {
        ConfigReader reader = new ConfigReader(Map.of(key.name(), value));
        reader.get(key);
        assertThat(reader.problems()).as("problems reading %s=%s", key.name(), value).hasSize(1);
        return reader.problems().get(0);
    }
}
