package org.fargatedsp.bidder.openrtb;

/**
 * A bid request the bidder cannot accept: answered with HTTP 400 and the short {@link #getMessage() reason}.
 *
 * <p>It carries no stack trace: it is an expected outcome of client input, not a bug, and it must stay cheap.
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong, for metrics; the message says where. */
    public enum Kind {
        MALFORMED_JSON("malformed_json"),
        INVALID_ENCODING("invalid_encoding"),
        MISSING_FIELD("missing_field"),
        WRONG_TYPE("wrong_type"),
        OUT_OF_RANGE("out_of_range"),
        TOO_COMPLEX("too_complex"),
        BODY_TOO_LARGE("body_too_large"),
        UNSUPPORTED_ENCODING("unsupported_encoding"),
        READ_TIMEOUT("read_timeout"),
        BAD_HTTP("bad_http");

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

    public BadRequestException(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
