package org.fargatedsp.bidder.auction;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Normalizes {@code geo.country} to upper-case ISO-3166-1 alpha-3, as the spec requires (3.2.19). Some exchanges
 * send alpha-2 or lower case anyway; those are mapped through a table built once from the JDK's locale data, so
 * the common, correct case costs one map lookup and no allocation.
 */
final class Countries {
    private static final Map<String, String> TO_ALPHA3 = new HashMap<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            try {
                String alpha3 = new Locale("", alpha2).getISO3Country();
                if (alpha3.length() == 3) {
                    TO_ALPHA3.put(alpha3, alpha3);
                    TO_ALPHA3.put(alpha3.toLowerCase(Locale.ROOT), alpha3);
                    TO_ALPHA3.put(alpha2, alpha3);
                    TO_ALPHA3.put(alpha2.toLowerCase(Locale.ROOT), alpha3);
                }
            } catch (MissingResourceException e) {
                // A code without an alpha-3 form cannot be targeted; leave it out.
            }
        }
    }

    private Countries() {}

    /** The alpha-3 code for {@code country}, or {@code country} itself when it is not a known code. */
    static String alpha3(String country) {
        if (country == null) {
            return null;
        }
        String alpha3 = TO_ALPHA3.get(country);
        return alpha3 != null ? alpha3 : country;
    }
}
