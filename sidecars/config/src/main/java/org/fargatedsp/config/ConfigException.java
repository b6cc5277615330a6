package org.fargatedsp.config;

import java.util.List;

/**
 * Configuration that cannot be used, with every problem found in it, so that one run shows the whole list.
 * Each problem is one line, naming the variable and its value where there is one.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
