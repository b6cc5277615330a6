package org.fargatedsp.bidder.auction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts floors given in another currency ({@code bidfloorcur}) into the bidder's currency, from a static rate
 * table in configuration. A currency without a rate cannot be compared, so the impression is not bid on.
 */
public final class FxRates {
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private final String currency;
    private final Map<String, Double> toBidderCurrency;

    private FxRates(String currency, Map<String, Double> toBidderCurrency) {
        this.currency = currency;
        this.toBidderCurrency = toBidderCurrency;
    }

    /** The bidder's currency, ISO-4217. */
    public String currency() {
        return currency;
    }

    /**
     * {@code amount} of {@code fromCurrency} in the bidder's currency; {@code fromCurrency} null means USD, the
     * spec default (3.2.4), and its case does not matter ({@code usd} is USD). Returns NaN when there is no rate.
     */
    public double convert(double amount, String fromCurrency) {
        String from = fromCurrency == null ? "USD" : fromCurrency;
        if (from.equalsIgnoreCase(currency)) {
            return amount;
        }
        Double rate = toBidderCurrency.get(from);
        if (rate == null) {
            rate = toBidderCurrency.get(from.toUpperCase(Locale.ROOT));
        }
        return rate == null ? Double.NaN : amount * rate;
    }

    /** Rates to the bidder's {@code currency}: how much of it one unit of each other currency is worth. */
    public static FxRates of(String currency, Map<String, Double> toBidderCurrency) {
        return new FxRates(currency, Map.copyOf(toBidderCurrency));
    }

    /**
     * Parses {@code EUR=1.08,GBP=1.27}: how much of the bidder's currency one unit of each currency is worth.
     *
     * @throws IllegalArgumentException naming every pair that is not {@code CODE=RATE} with a positive rate
     */
    public static Map<String, Double> parseRates(String spec) {
        Map<String, Double> rates = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String pair : spec.split(",")) {
            String[] parts = pair.trim().split("=");
            if (parts.length != 2 || !CODE.matcher(parts[0].trim()).matches()) {
                problems.add("\"" + pair.trim() + "\" is not CODE=RATE, such as EUR=1.08");
                continue;
            }
            try {
                double rate = new BigDecimal(parts[1].trim()).doubleValue();
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    problems.add("rate \"" + parts[1].trim() + "\" must be a positive number");
                } else {
                    rates.put(parts[0].trim(), rate);
                }
            } catch (NumberFormatException e) {
                problems.add("rate \"" + parts[1].trim() + "\" is not a number");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return Map.copyOf(rates);
    }

    /** Writes rates the way {@link #parseRates} reads them, in currency order. */
    public static String format(Map<String, Double> rates) {
        StringBuilder spec = new StringBuilder();
        for (Map.Entry<String, Double> rate : new TreeMap<>(rates).entrySet()) {
            spec.append(spec.length() == 0 ? "" : ",").append(rate.getKey()).append('=').append(rate.getValue());
        }
        return spec.toString();
    }

    /**
     * Parses {@code spec} as {@link #parseRates} does; a bad spec is appended to {@code errors} as one problem
     * naming {@code key} and the value, and leaves no rates.
     */
    public static FxRates parse(String currency, String spec, String key, List<String> errors) {
        if (spec == null || spec.isBlank()) {
            return of(currency, Map.of());
        }
        try {
            return of(currency, parseRates(spec.trim()));
        } catch (IllegalArgumentException e) {
            errors.add(key + "=" + spec.trim() + ": " + e.getMessage());
            return of(currency, Map.of());
        }
    }
}
