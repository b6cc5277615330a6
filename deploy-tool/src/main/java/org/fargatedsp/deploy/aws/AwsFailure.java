package org.fargatedsp.deploy.aws;

/** An AWS call that failed in a way the tool reports to its user rather than retries. */
public final class AwsFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AwsFailure(String message) {
        super(message);
    }

    public AwsFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
