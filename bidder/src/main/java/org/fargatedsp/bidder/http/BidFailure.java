package org.fargatedsp.bidder.http;

/**
 * A bug met while answering a bid request that was already decoded: carries the request's id to the one place
 * that maps failures to statuses ({@link RequestRouter}), which logs it with the cause and answers 500. Its own
 * stack trace would only repeat the cause's, so it has none.
 */
final class BidFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String requestId;

    BidFailure(String requestId, RuntimeException cause) {
        super("bid request failed", cause, false, false);
        this.requestId = requestId;
    }

    String requestId() {
        return requestId;
    }
}
