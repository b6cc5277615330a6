package org.fargatedsp.shipper.sink;

/** The sink was closed before the batch was acknowledged: it will be delivered again after the restart. */
public final class SinkClosedException extends SinkException {
    private static final long serialVersionUID = 1L;

    public SinkClosedException(String message) {
        super(message);
    }
}
