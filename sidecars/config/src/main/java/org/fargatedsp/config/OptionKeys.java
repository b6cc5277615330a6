package org.fargatedsp.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Ties picocli options to configuration keys, so that a default is written once, in its key. As picocli's
 * {@link CommandLine.IDefaultValueProvider} it gives each option its key's default (which {@code ${DEFAULT-VALUE}}
 * in a description then shows); {@link #given} turns the options actually typed back into key values, to lay over
 * the environment: a flag wins over its variable, and an option left out leaves the variable alone instead of
 * replacing it with the default picocli filled in.
 *
 * <p>Only the programs with a command line use this class; picocli is an optional dependency of this module.
 */
public final class OptionKeys implements CommandLine.IDefaultValueProvider {
    private final Map<String, Key<?>> byOption;
    private final Set<String> negated;

    private OptionKeys(Map<String, Key<?>> byOption, Set<String> negated) {
        this.byOption = byOption;
        this.negated = negated;
    }

    /** No option tied to any key yet. */
    public static OptionKeys none() {
        return new OptionKeys(Map.of(), Set.of());
    }

    /** These ties and one more: option {@code name} (any of its names) sets {@code key}. */
    public OptionKeys option(String name, Key<?> key) {
        return with(name, key, false);
    }

    /**
     * These ties and a boolean flag that sets {@code key} to false when given, such as {@code --quiet} for a
     * {@code PROGRESS} key; it has no default of its own.
     */
    public OptionKeys negated(String name, Key<Boolean> key) {
        return with(name, key, true);
    }

    private OptionKeys with(String name, Key<?> key, boolean negative) {
        Map<String, Key<?>> options = new LinkedHashMap<>(byOption);
        if (options.put(name, key) != null) {
            throw new IllegalArgumentException(name + " is tied to a key already");
        }
        Set<String> negatives = new HashSet<>(negated);
        if (negative) {
            negatives.add(name);
        }
        return new OptionKeys(Collections.unmodifiableMap(options), Set.copyOf(negatives));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = tiedName(option);
        return name == null || negated.contains(name) ? null : byOption.get(name).defaultText();
    }

    /** The options typed on the command line of {@code parsed}, as key name to value. */
    public Map<String, String> given(ParseResult parsed) {
        Map<String, String> given = new LinkedHashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = tiedName(option);
            if (name == null) {
                continue;
            }
            Object value = option.getValue();
            given.put(byOption.get(name).name(), negated.contains(name)
                    ? Boolean.toString(!Boolean.TRUE.equals(value))
                    : String.valueOf(value));
        }
        return given;
    }

    /**
     * {@code env} with the options typed on the command line of {@code parsed} laid over it: what a command reads
     * its keys from, a flag winning over its variable.
     */
    public Map<String, String> laidOver(Map<String, String> env, ParseResult parsed) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(given(parsed));
        return settings;
    }

    /** The option tied to {@code key}, or null for none. */
    public String optionFor(Key<?> key) {
        for (Map.Entry<String, Key<?>> tie : byOption.entrySet()) {
            if (tie.getValue().name().equals(key.name())) {
                return tie.getKey();
            }
        }
        return null;
    }

    /** Whether {@code option} is a negated flag, which sets its key to false. */
    public boolean isNegated(String option) {
        return negated.contains(option);
    }

    private String tiedName(OptionSpec option) {
        for (String name : option.names()) {
            if (byOption.containsKey(name)) {
                return name;
            }
        }
        return null;
    }
}
