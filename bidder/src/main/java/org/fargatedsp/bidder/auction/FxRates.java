package org.fargatedsp.bidder.auction;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * spec default (3.2.4). Returns NaN when there is no rate.
     */
    public double convert(double amount, String fromCurrency) {
        String from = fromCurrency == null ? "USD" : fromCurrency;
        if (from.equals(currency)) {
            return amount;
        }
        Double rate = toBidderCurrency.get(from);
        if (rate == null) {
            rate = toBidderCurrency.get(from.toUpperCase(Locale.ROOT));
        }
        return rate == null ? Double.NaN : amount * rate;
    }

    /**
     * Parses {@code EUR=1.08,GBP=1.27}: how much of the bidder's currency one unit of each currency is worth.
     * Problems are appended to {@code errors}, naming {@code key} and the bad value.
     */
    public static FxRates parse(String currency, String spec, String key, List<String> errors) {
        Map<String, Double> rates = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",")) {
                String[] parts = pair.trim().split("=");
                if (parts.length != 2 || !CODE.matcher(parts[0].trim()).matches()) {
                    errors.add(key + ": \"" + pair.trim() + "\" is not CODE=RATE, such as EUR=1.08");
                    continue;
                }
                try {
                    double rate = new BigDecimal(parts[1].trim()).doubleValue();
                    if (!(rate > 0) || Double.isInfinite(rate)) {
                        errors.add(key + ": rate \"" + parts[1].trim() + "\" must be a positive number");
                    } else {
                        rates.put(parts[0].trim(), rate);
                    }
                } catch (NumberFormatException e) {
                    errors.add(key + ": rate \"" + parts[1].trim() + "\" is not a number");
                }
            }
        }
        return new FxRates(currency, Map.copyOf(rates));
    }
}
