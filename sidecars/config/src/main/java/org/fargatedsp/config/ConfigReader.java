package org.fargatedsp.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads typed values out of a map of settings (the environment, or the layers a program merged) and collects
 * every problem instead of stopping at the first, each naming the variable and the value, such as
 * {@code PORT=abc: not a whole number}. Checks across keys add their problems to the same list, and
 * {@link #throwIfProblems} ends the reading with all of them.
 *
 * <pre>{@code
 * ConfigReader r = new ConfigReader(env);
 * int port = r.get(PORT);
 * long body = r.get(MAX_BODY_BYTES);
 * r.throwIfProblems();
 * }</pre>
 */
public final class ConfigReader {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> bad = new HashSet<>();

    public ConfigReader(Map<String, String> values) {
        this.values = Objects.requireNonNull(values);
    }

    /**
     * The key's value: its default when the key is unset or blank, and also when the value is bad, which is
     * then a problem (recorded once, however often the key is read).
     */
    public <T> T get(Key<T> key) {
        String raw = raw(key);
        if (raw == null) {
            return key.defaultValue();
        }
        try {
            return key.parse(raw);
        } catch (IllegalArgumentException e) {
            if (bad.add(key.name())) {
                problems.add(key.name() + "=" + key.shown(raw) + ": " + e.getMessage());
            }
            return key.defaultValue();
        }
    }

    /** Whether the key has a value that is not blank, good or bad. */
    public boolean isSet(Key<?> key) {
        return raw(key) != null;
    }

    /** The value as given, trimmed, or null when the key is unset or blank. */
    public String raw(Key<?> key) {
        String value = values.get(key.name());
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whether none of {@code keys} has had a bad value so far, so a check across them means something. */
    public boolean valid(Key<?>... keys) {
        for (Key<?> key : keys) {
            if (bad.contains(key.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds a problem found by a check across keys, naming the key and the value it has: {@code NAME=value: reason}
     * (a secret's value only by its length).
     */
    public <T> void problem(Key<T> key, T value, String reason) {
        bad.add(key.name());
        problems.add(key.name() + "=" + key.shown(key.format(value)) + ": " + reason);
    }

    /** Adds a problem in words of its own, for one that is not about a single value. */
    public void problem(String message) {
        problems.add(Objects.requireNonNull(message));
    }

    /** Every problem so far, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
