package org.fargatedsp.bidder.http;

/**
 * How the server treats each connection: its timeouts, its request limits, how much it may queue for a client that
 * does not read, and the connection caps ({@link ConnectionCaps}). Built from the bidder's configuration.
 *
 * @param idleTimeoutMs a connection without a request in progress for this long is closed
 * @param readTimeoutMs a request must finish arriving this long after its first byte, else 408
 * @param maxBodyBytes largest request body as sent; larger is 413
 * @param gzipLevel gzip level of responses to clients that accept gzip
 * @param maxPipelinedRequests requests answered and not yet handed to the socket, at most
 * @param writeBufferHighWaterBytes queued response bytes past which the channel is not writable; it is writable
 *     again below half of it
 * @param writeStallTimeoutMs a connection whose client reads nothing, kept at one of those bounds, is closed after
 *     this long
 * @param caps the connection caps; 0 in either derives it from the process's limits
 */
public record ConnectionSettings(
        long idleTimeoutMs,
        long readTimeoutMs,
        int maxBodyBytes,
        int gzipLevel,
        int maxPipelinedRequests,
        int writeBufferHighWaterBytes,
        long writeStallTimeoutMs,
        ConnectionCaps caps) {

    /** The bytes one connection can hold at most: its queued output, a request body, undecoded input, a head. */
    public long bytesPerConnection() {
        return writeBufferHighWaterBytes + (long) maxBodyBytes + ConnectionCaps.UNDECODED_BYTES
                + BidderChannelInitializer.MAX_INITIAL_LINE_BYTES + BidderChannelInitializer.MAX_HEADER_BYTES;
    }

    /** These settings with {@code caps} instead. */
    public ConnectionSettings withCaps(ConnectionCaps caps) {
        return new ConnectionSettings(idleTimeoutMs, readTimeoutMs, maxBodyBytes, gzipLevel, maxPipelinedRequests,
                writeBufferHighWaterBytes, writeStallTimeoutMs, caps);
    }

    /**
     * These settings with timeouts of {@code timeoutMs} and no caps, for the warm-up's private listener, whose
     * cold first requests may take long.
     */
    ConnectionSettings forWarmup(long timeoutMs) {
        return new ConnectionSettings(timeoutMs, timeoutMs, maxBodyBytes, gzipLevel, maxPipelinedRequests,
                writeBufferHighWaterBytes, writeStallTimeoutMs, ConnectionCaps.UNLIMITED);
    }
}
