package org.fargatedsp.bidder.check;

/**
 * One thing the decoder did to a request instead of reading it as sent, as the bid check reports it.
 *
 * @param imp the id of the impression it concerns; null for the request as a whole
 * @param field where, as a JSON Pointer into the request ({@code /imp/0/native/request}); null when unknown
 * @param action {@code refused} (the whole request: the reason of its 400), {@code dropped} (the field, and what
 *     needed it, is treated as absent), {@code coerced} (read as a value of another shape), or {@code skipped} (an
 *     impression whose id an earlier one has)
 * @param detail what was wrong, in the decoder's words
 */
public record Repair(String imp, String field, String action, String detail) {
    public static final String REFUSED = "refused";
    public static final String DROPPED = "dropped";
    public static final String COERCED = "coerced";
    public static final String SKIPPED = "skipped";
}
