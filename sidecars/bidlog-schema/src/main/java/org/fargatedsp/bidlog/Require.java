package org.fargatedsp.bidlog;

/** Argument checks shared by the record constructors; each names the schema field that is missing. */
final class Require {
    private Require() {}

    static void nonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void nonNullElements(Object[] values, String field) {
        nonNull(values, field);
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
        }
    }
}
