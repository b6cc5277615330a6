package org.fargatedsp.loadtest.schedule;

/** One keep-alive connection as the {@link Dispatcher} sees it: it can carry one request at a time. */
public interface Lane {
    /** Writes request {@code k} (its index in the whole run) to the connection. */
    void send(long k);

    /** Gives up on the request in flight: the connection is closed, since a late answer would be taken for the next one's. */
    void abandon();
}
