package org.fargatedsp.bidder.metrics;

/** What was wrong with a request the bidder rejected; {@link #tag()} is the {@code kind} tag of bad-request meters. */
public enum BadRequestKind {
    /** The body is not JSON. */
    MALFORMED_JSON("malformed_json"),
    /** The body is JSON but not a valid OpenRTB bid request (a required field is missing or of the wrong type). */
    INVALID_REQUEST("invalid_request"),
    /** The body is larger than the bidder accepts. */
    BODY_TOO_LARGE("body_too_large"),
    /** The Content-Type is not JSON. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    /** A method other than the path allows. */
    METHOD_NOT_ALLOWED("method_not_allowed"),
    /** A path the bidder does not serve. */
    NOT_FOUND("not_found"),
    /** A win, billing or loss notice URL that lacks or garbles a required parameter. */
    BAD_NOTICE("bad_notice");

    private final String tag;

    BadRequestKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
