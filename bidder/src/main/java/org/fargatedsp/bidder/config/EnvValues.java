package org.fargatedsp.bidder.config;

import java.util.List;
import java.util.Map;

/**
 * Reads typed values from the environment map for the config records. A bad value adds one message naming the
 * variable and the value to {@code errors} and yields the default, so all errors are reported at once.
 */
public final class EnvValues {
    private EnvValues() {}

    /** The trimmed value of {@code key}, or {@code dflt} when it is absent or blank. */
    public static String string(Map<String, String> env, String key, String dflt) {
        String v = env.get(key);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    /** A whole number in {@code [min, max]}, or {@code dflt} when absent. */
    public static long longInRange(Map<String, String> env, String key, long dflt, long min, long max,
                                   List<String> errors) {
        String v = string(env, key, null);
        if (v == null) {
            return dflt;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            errors.add(key + "=" + v + " is not a whole number");
            return dflt;
        }
        if (parsed < min || parsed > max) {
            errors.add(key + "=" + v + " is out of range [" + min + ", " + max + "]");
            return dflt;
        }
        return parsed;
    }

    /** {@code true} or {@code false} (any case), or {@code dflt} when absent. */
    public static boolean bool(Map<String, String> env, String key, boolean dflt, List<String> errors) {
        String v = string(env, key, null);
        if (v == null) {
            return dflt;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        errors.add(key + "=" + v + " is not true or false");
        return dflt;
    }
}
