package org.fargatedsp.bidder.openrtb;

/**
 * A bid request the bidder cannot accept: answered with HTTP 400 and the short {@link #getMessage() reason}.
 *
 * <p>It carries no stack trace: it is an expected outcome of client input, not a bug, and it must stay cheap.
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * What was wrong with a refused request, for metrics ({@link #tag()} is the {@code kind} tag of
     * {@code dsp.bidder.bad_requests}); the message says where.
     */
    public enum Kind {
        /** The body is not JSON. */
        MALFORMED_JSON("malformed_json"),
        /** The body is not valid UTF-8 or not valid gzip. */
        INVALID_ENCODING("invalid_encoding"),
        /** A field OpenRTB requires is missing. */
        MISSING_FIELD("missing_field"),
        /** A field has the wrong JSON type. */
        WRONG_TYPE("wrong_type"),
        /** A value is outside what OpenRTB allows. */
        OUT_OF_RANGE("out_of_range"),
        /** The request nests or repeats more than the bidder accepts. */
        TOO_COMPLEX("too_complex"),
        /** The body is larger than the bidder accepts (413). */
        BODY_TOO_LARGE("body_too_large"),
        /** A Content-Encoding the bidder does not decode (415). */
        UNSUPPORTED_ENCODING("unsupported_encoding"),
        /** The body did not arrive in time (408). */
        READ_TIMEOUT("read_timeout"),
        /** The HTTP request itself is malformed. */
        BAD_HTTP("bad_http"),
        /** A win, billing or loss notice URL that lacks or garbles a required parameter. */
        BAD_NOTICE("bad_notice"),
        /** A path the bidder does not serve (404). */
        NOT_FOUND("not_found"),
        /** A method the path does not allow (405). */
        METHOD_NOT_ALLOWED("method_not_allowed"),
        /** The request's source used more than its share of the event loop's time (429). */
        OVER_CPU_BUDGET("over_cpu_budget");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The value used as a metric tag and in logs. */
        public String tag() {
            return tag;
        }
    }

    private final Kind kind;
    private final String requestId;

    public BadRequestException(Kind kind, String reason) {
        this(kind, reason, null);
    }

    private BadRequestException(Kind kind, String reason, String requestId) {
        super(reason, null, false, false);
        this.kind = kind;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** The id of the refused request, when it was read before the problem was found; otherwise null. */
    public String requestId() {
        return requestId;
    }

    /** This refusal with the id of its request; itself when the id is unknown (null or empty) or already set. */
    public BadRequestException withRequestId(String id) {
        if (id == null || id.isEmpty() || requestId != null) {
            return this;
        }
        return new BadRequestException(kind, getMessage(), id);
    }
}
