package org.fargatedsp.shipper.sink;

/**
 * A fault no retry can fix (a bucket or stream that does not exist, access denied, a record over the service's
 * limits): the delivery's future completes with it and the shipper stops with its message.
 */
public class SinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
