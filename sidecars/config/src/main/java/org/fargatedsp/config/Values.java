package org.fargatedsp.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How each type of value is read. Every method takes a trimmed, non-blank value and throws
 * {@link IllegalArgumentException} whose message is the reason it is refused, which the reader puts after
 * {@code NAME=value: }.
 */
final class Values {
    /** Underscores between digits, as in Java literals: {@code 1_000_000}. */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<=\\d)_+(?=\\d)");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private Values() {}

    static long whole(String text, long min, long max, long typeMin, long typeMax) {
        String digits = DIGIT_GROUPS.matcher(text).replaceAll("");
        if (!WHOLE.matcher(digits).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        try {
            long value = Long.parseLong(digits);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // More digits than a long holds: outside every range, reported as such below.
        }
        if (min == typeMin && max != typeMax) {
            throw new IllegalArgumentException("must be at most " + max);
        }
        if (max == typeMax && min != typeMin) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        throw new IllegalArgumentException("must be between " + min + " and " + max);
    }

    static double decimal(String text, double min, double max) {
        double value = finiteDecimal(text);
        if (value >= min && value <= max) {
            return value;
        }
        // As for whole numbers: a bound at the end of the type's range is no bound worth naming.
        if (max == Double.MAX_VALUE && min != -Double.MAX_VALUE) {
            throw new IllegalArgumentException("must be at least " + plain(min));
        }
        if (min == -Double.MAX_VALUE && max != Double.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + plain(max));
        }
        throw new IllegalArgumentException("must be between " + plain(min) + " and " + plain(max));
    }

    static double positive(String text) {
        double value = finiteDecimal(text);
        if (value > 0) {
            return value;
        }
        throw new IllegalArgumentException("must be above 0");
    }

    // BigDecimal rather than Double.parseDouble, which also takes NaN, Infinity, hex and a trailing 'd'.
    private static double finiteDecimal(String text) {
        double value;
        try {
            value = new BigDecimal(DIGIT_GROUPS.matcher(text).replaceAll("")).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("too large");
        }
        return value;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static <E extends Enum<E>> E choice(String text, List<E> choices) {
        String wanted = normalized(text);
        for (E choice : choices) {
            if (normalized(choice.name()).equals(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("must be " + spellAll(choices));
    }

    /** How a choice is written in documentation and messages: its constant's name in lower case. */
    static String spelling(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    private static String normalized(String text) {
        return text.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String spellAll(List<? extends Enum<?>> choices) {
        StringBuilder spelled = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            if (i > 0) {
                spelled.append(i == choices.size() - 1 ? " or " : ", ");
            }
            spelled.append(spelling(choices.get(i)));
        }
        return spelled.toString();
    }

    static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }

    static URI httpUri(String text, boolean base) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        if (base && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
            throw new IllegalArgumentException("must be an absolute http or https URL without a query or fragment");
        }
        return uri;
    }

    static String matching(String text, Pattern pattern, String reason) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException(reason);
        }
        return text;
    }

    static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path (" + e.getReason() + ")");
        }
    }

    static Path readableFile(String text) {
        Path path = path(text);
        if (!(Files.isRegularFile(path) && Files.isReadable(path))) {
            throw new IllegalArgumentException("no readable file there");
        }
        return path;
    }

    /** A decimal as people write it: {@code 0.05}, {@code 5}, {@code 1000}; never {@code 1.0E3}. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
