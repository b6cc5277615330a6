package org.fargatedsp.deploy.sim;

/** An error the simulated service answers with, by its AWS error code. */
final class SimError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;
    final int status;

    SimError(String code, String message) {
        this(code, message, 400);
    }

    SimError(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }
}
