package org.fargatedsp.loadtest.schedule;

/**
 * What became of each scheduled request; {@code measured} is false for requests whose intended send
 * time fell in the warm-up. Called from sending threads, so implementations must be thread-safe.
 */
public interface Outcomes {
    /** A request was written to a connection. */
    void sent(boolean measured);

    /** Requests whose send time came while every connection was busy; they wait, they are not dropped. */
    void waited(boolean measured, long requests);

    /**
     * A response arrived.
     *
     * @param responseNanos from the intended send time to the answer: what the SSP would see
     * @param serviceNanos  from the actual write to the answer: what a closed-loop tool would report
     */
    void answered(boolean measured, int status, long responseNanos, long serviceNanos);

    /** No answer by the deadline; {@code inFlight} is false when no connection came free in time to send it. */
    void timedOut(boolean measured, boolean inFlight);

    /** The connection broke while the request was on it. */
    void failed(boolean measured);
}
