package org.fargatedsp.deploy.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads typed values out of a key/value map and collects every problem instead of stopping at the first. */
final class ConfigReader {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(Map<String, String> values) {
        this.values = values;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String message) {
        problems.add(message);
    }

    /** The trimmed value, or null when the key is absent or blank. */
    String string(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    String string(String key, String fallback) {
        String value = string(key);
        return value == null ? fallback : value;
    }

    List<String> list(String key) {
        String value = string(key);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    long number(String key, long fallback, long min, long max) {
        String value = string(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                problems.add(key + "=" + value + " is out of range [" + min + ", " + max + "]");
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + "=" + value + " is not a whole number");
            return fallback;
        }
    }

    Integer optionalInt(String key, int min, int max) {
        if (string(key) == null) {
            return null;
        }
        return (int) number(key, 0, min, max);
    }

    double decimal(String key, double fallback, double min, double max) {
        String value = string(key);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= min && parsed <= max)) {
                problems.add(key + "=" + value + " is out of range [" + min + ", " + max + "]");
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + "=" + value + " is not a number");
            return fallback;
        }
    }

    URI uri(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                problems.add(key + "=" + value + " is not an http(s) URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + "=" + value + " is not a URL: " + e.getReason());
            return null;
        }
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String value = string(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(key + "=" + value + " is not one of " + Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
            return fallback;
        }
    }

    /** An ARN of the given service and resource type, such as elasticloadbalancing / targetgroup. */
    String arn(String key, String service, String resourcePrefix) {
        String value = string(key);
        if (value != null && !(value.startsWith("arn:") && value.split(":", 6).length == 6
                && value.split(":", 6)[2].equals(service) && value.split(":", 6)[5].startsWith(resourcePrefix))) {
            problems.add(key + "=" + value + " is not an ARN of a " + service + " " + resourcePrefix);
            return null;
        }
        return value;
    }
}
