package org.fargatedsp.deploy.canary;

/** The canary is judged bad (it stopped, turned unhealthy or its metrics failed): exit code 1 after clean-up. */
public final class CanaryRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CanaryRejected(String message) {
        super(message);
    }
}
