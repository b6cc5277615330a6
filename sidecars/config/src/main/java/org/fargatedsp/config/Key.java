package org.fargatedsp.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One configuration key, declared once: its name, how a value is read and checked, its default, and the line
 * that documents it. Immutable: {@link #byDefault}, {@link #documentedDefault} and {@link #doc(String)} return
 * copies, so a key reads as one declaration:
 *
 * <pre>{@code
 * static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535).byDefault(8080)
 *         .doc("Port to listen on; `0` picks a free one.");
 * }</pre>
 *
 * <p>Units are in the name: {@code _MS} and {@code _S} keys must be {@link #duration durations},
 * {@code _BYTES} keys {@link #bytes byte counts}; the factories refuse a name that says otherwise.
 *
 * @param <T> the type of its value
 */
public final class Key<T> {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    private final String name;
    private final Function<String, T> parser;
    private final Function<? super T, String> formatter;
    private final T defaultValue;
    private final String documentedDefault;
    private final String doc;
    private final boolean secret;

    private Key(String name, Function<String, T> parser, Function<? super T, String> formatter, T defaultValue,
            String documentedDefault, String doc, boolean secret) {
        this.name = name;
        this.parser = parser;
        this.formatter = formatter;
        this.defaultValue = defaultValue;
        this.documentedDefault = documentedDefault;
        this.doc = doc;
        this.secret = secret;
    }

    /**
     * A key of any type.
     *
     * @param parser reads a trimmed, non-blank value; throws {@link IllegalArgumentException} whose message
     *               says what is wrong with it (it follows {@code NAME=value: } in the problem)
     * @param formatter writes a value the way the parser reads it, for defaults in documentation and help
     */
    public static <T> Key<T> of(String name, Function<String, T> parser, Function<? super T, String> formatter) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(name + " is not an upper-case name such as MAX_BODY_BYTES");
        }
        return new Key<>(name, Objects.requireNonNull(parser), Objects.requireNonNull(formatter), null, null, null,
                false);
    }

    /** A whole number in {@code [min, max]}. */
    public static Key<Integer> integer(String name, int min, int max) {
        return of(unitless(name), v -> (int) Values.whole(v, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE),
                i -> Integer.toString(i));
    }

    /** A whole number in {@code [min, max]}, as a long. */
    public static Key<Long> longInteger(String name, long min, long max) {
        return of(unitless(name), v -> Values.whole(v, min, max, Long.MIN_VALUE, Long.MAX_VALUE),
                l -> Long.toString(l));
    }

    /** A number of bytes in {@code [min, max]}; the name ends in {@code _BYTES}. */
    public static Key<Long> bytes(String name, long min, long max) {
        if (!name.endsWith("_BYTES")) {
            throw new IllegalArgumentException(name + " holds bytes: its name ends in _BYTES");
        }
        return of(name, v -> Values.whole(v, min, max, Long.MIN_VALUE, Long.MAX_VALUE), l -> Long.toString(l));
    }

    /**
     * A duration in {@code [min, max]}, written as a whole number of the unit its name ends in: {@code _MS} for
     * milliseconds, {@code _S} for seconds. Ranges in messages are in that unit too.
     */
    public static Key<Duration> duration(String name, Duration min, Duration max) {
        ChronoUnit unit = timeUnit(name);
        if (unit == null) {
            throw new IllegalArgumentException(name + " holds a duration: its name ends in _MS or _S");
        }
        long low = in(unit, min);
        long high = in(unit, max);
        return of(name, v -> Duration.of(Values.whole(v, low, high, Long.MIN_VALUE, Long.MAX_VALUE), unit),
                d -> Long.toString(in(unit, d)));
    }

    /** A decimal number in {@code [min, max]}; {@code Double.MAX_VALUE} (or its negation) for no bound on that side. */
    public static Key<Double> decimal(String name, double min, double max) {
        return of(name, v -> Values.decimal(v, min, max), Values::plain);
    }

    /** A finite decimal number above 0. */
    public static Key<Double> positiveDecimal(String name) {
        return of(name, Values::positive, Values::plain);
    }

    /** {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off} or {@code 1}/{@code 0}. */
    public static Key<Boolean> bool(String name) {
        return of(name, Values::bool, b -> Boolean.toString(b));
    }

    /** One of {@code type}'s constants, in any case, {@code -} and {@code _} alike; written in lower case. */
    public static <E extends Enum<E>> Key<E> choice(String name, Class<E> type) {
        List<E> choices = List.of(type.getEnumConstants());
        return of(name, v -> Values.choice(v, choices), Values::spelling);
    }

    /** Comma-separated items, each trimmed, empty ones dropped; unset is the empty list. */
    public static Key<List<String>> list(String name) {
        return of(name, Values::list, l -> String.join(",", l)).byDefault(List.of());
    }

    /** An absolute http or https URL. */
    public static Key<URI> uri(String name) {
        return of(name, v -> Values.httpUri(v, false), URI::toString);
    }

    /** An absolute http or https URL without a query or fragment, to put paths after. */
    public static Key<URI> baseUri(String name) {
        return of(name, v -> Values.httpUri(v, true), URI::toString);
    }

    /** Any text. */
    public static Key<String> string(String name) {
        return of(name, v -> v, s -> s);
    }

    /**
     * Text that matches {@code regex} as a whole.
     *
     * @param reason what is said of a value that does not, such as {@code must be an ISO-4217 code such as USD}
     */
    public static Key<String> string(String name, String regex, String reason) {
        Pattern pattern = Pattern.compile(regex);
        return of(name, v -> Values.matching(v, pattern, reason), s -> s);
    }

    /** A file-system path, which need not exist. */
    public static Key<Path> path(String name) {
        return of(name, Values::path, Path::toString);
    }

    /** The path of a readable regular file, which must exist when the configuration is read. */
    public static Key<Path> readableFile(String name) {
        return of(name, Values::readableFile, Path::toString);
    }

    /** This key with a default, which must itself be a valid value. */
    public Key<T> byDefault(T value) {
        if (secret) {
            throw new IllegalArgumentException(name + " is a secret: it cannot have a default");
        }
        String text = formatter.apply(Objects.requireNonNull(value));
        if (!text.isEmpty()) {
            try {
                parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "'s default " + text + ": " + e.getMessage(), e);
            }
        }
        return new Key<>(name, parser, formatter, value, documentedDefault, doc, secret);
    }

    /** This key with what the documentation says of its default (markdown), where a value would not say it. */
    public Key<T> documentedDefault(String markdown) {
        return new Key<>(name, parser, formatter, defaultValue, Objects.requireNonNull(markdown), doc, secret);
    }

    /** This key with its line of documentation (markdown), the "meaning" of the documentation table. */
    public Key<T> doc(String markdown) {
        return new Key<>(name, parser, formatter, defaultValue, documentedDefault, Objects.requireNonNull(markdown),
                secret);
    }

    /**
     * This key as a secret (a signing key, an API key): a problem with its value names the key and the value's
     * length, never the value, and its parser's messages must not quote the value either. A secret has no default.
     */
    public Key<T> secret() {
        if (defaultValue != null) {
            throw new IllegalArgumentException(name + " is a secret: it cannot have a default");
        }
        return new Key<>(name, parser, formatter, null, documentedDefault, doc, true);
    }

    public String name() {
        return name;
    }

    /** Whether the value is a secret, kept out of problems and logs. */
    public boolean isSecret() {
        return secret;
    }

    /** The line of documentation, or null when none was given. */
    public String doc() {
        return doc;
    }

    /** The value when the key is unset, or null for none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default written as a value of this key is written, or null for none. */
    public String defaultText() {
        return defaultValue == null ? null : formatter.apply(defaultValue);
    }

    /** What the documentation says of the default instead of its value, or null. */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** Reads a trimmed, non-blank value; throws {@link IllegalArgumentException} saying what is wrong. */
    T parse(String value) {
        return parser.apply(value);
    }

    /** Writes {@code value} the way this key reads it. */
    String format(T value) {
        return formatter.apply(value);
    }

    /** {@code raw} as a problem may quote it: itself, or for a secret only how long it is. */
    String shown(String raw) {
        return secret ? "(secret, " + raw.length() + " characters)" : raw;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String unitless(String name) {
        if (timeUnit(name) != null) {
            throw new IllegalArgumentException(name + " holds a duration: declare it with Key.duration");
        }
        if (name.endsWith("_BYTES")) {
            throw new IllegalArgumentException(name + " holds bytes: declare it with Key.bytes");
        }
        return name;
    }

    private static ChronoUnit timeUnit(String name) {
        if (name.endsWith("_MS")) {
            return ChronoUnit.MILLIS;
        }
        return name.endsWith("_S") ? ChronoUnit.SECONDS : null;
    }

    private static long in(ChronoUnit unit, Duration duration) {
        return unit == ChronoUnit.MILLIS ? duration.toMillis() : duration.toSeconds();
    }
}
