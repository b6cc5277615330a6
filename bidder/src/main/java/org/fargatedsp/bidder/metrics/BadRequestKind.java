package org.fargatedsp.bidder.metrics;

/**
 * What was wrong with a request the bidder refused; {@link #tag()} is the {@code kind} tag of
 * {@code dsp.bidder.bad_requests}. The first ten have the order and tags of the decoder's
 * {@code org.fargatedsp.bidder.openrtb.BadRequestException.Kind}, so one maps onto the other by ordinal; the last
 * three are refusals made before or outside the bid-request decoder.
 */
public enum BadRequestKind {
    /** The body is not JSON. */
    MALFORMED_JSON("malformed_json"),
    /** The body is not valid UTF-8. */
    INVALID_ENCODING("invalid_encoding"),
    /** A field OpenRTB requires is missing. */
    MISSING_FIELD("missing_field"),
    /** A field has the wrong JSON type. */
    WRONG_TYPE("wrong_type"),
    /** A value is outside what OpenRTB allows. */
    OUT_OF_RANGE("out_of_range"),
    /** The request nests or repeats more than the bidder accepts. */
    TOO_COMPLEX("too_complex"),
    /** The body is larger than the bidder accepts. */
    BODY_TOO_LARGE("body_too_large"),
    /** A Content-Encoding the bidder does not decode. */
    UNSUPPORTED_ENCODING("unsupported_encoding"),
    /** The body did not arrive in time. */
    READ_TIMEOUT("read_timeout"),
    /** The HTTP request itself is malformed. */
    BAD_HTTP("bad_http"),
    /** A win, billing or loss notice URL that lacks or garbles a required parameter. */
    BAD_NOTICE("bad_notice"),
    /** A path the bidder does not serve. */
    NOT_FOUND("not_found"),
    /** A method the path does not allow. */
    METHOD_NOT_ALLOWED("method_not_allowed");

    private final String tag;

    BadRequestKind(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
