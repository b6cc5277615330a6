package org.fargatedsp.bidder.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed settings from environment variables, collecting one error per bad value, each naming the
 * variable and the value, so that a misconfigured task reports everything wrong at once.
 */
public final class EnvParser {
    private final Map<String, String> env;
    private final List<String> errors;

    public EnvParser(Map<String, String> env) {
        this(env, new ArrayList<>());
    }

    /** A parser that appends its errors to {@code errors}, shared with the other parts of a configuration. */
    public EnvParser(Map<String, String> env, List<String> errors) {
        this.env = env;
        this.errors = errors;
    }

    /** Every problem found so far. */
    public List<String> errors() {
        return errors;
    }

    /** The raw value, or null when the variable is unset or blank. */
    public String raw(String key) {
        String value = env.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String string(String key, String defaultValue) {
        String value = raw(key);
        return value == null ? defaultValue : value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.replace("_", ""));
            if (parsed < min || parsed > max) {
                errors.add(key + "=" + value + ": must be between " + min + " and " + max);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(key + "=" + value + ": not a whole number");
            return defaultValue;
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                errors.add(key + "=" + value + ": must be true or false");
                yield defaultValue;
            }
        };
    }

    /** An absolute http or https URL, or the default. */
    public String httpUrl(String key, String defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                errors.add(key + "=" + value + ": must be an absolute http or https URL");
                return defaultValue;
            }
            return value;
        } catch (URISyntaxException e) {
            errors.add(key + "=" + value + ": not a URL (" + e.getReason() + ")");
            return defaultValue;
        }
    }

    /** A path that, when {@code mustExist}, names a readable regular file. */
    public Path path(String key, boolean mustExist) {
        String value = raw(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (mustExist && !(java.nio.file.Files.isRegularFile(path) && java.nio.file.Files.isReadable(path))) {
            errors.add(key + "=" + value + ": no readable file there");
        }
        return path;
    }

    /** Adds an error found by a check across settings. */
    public void error(String message) {
        errors.add(message);
    }
}
