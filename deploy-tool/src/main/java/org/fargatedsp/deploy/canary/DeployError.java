package org.fargatedsp.deploy.canary;

/** The deploy could not be carried out (an AWS failure, a timeout, a failed rollout): exit code 2. */
public final class DeployError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployError(String message) {
        super(message);
    }

    public DeployError(String message, Throwable cause) {
        super(message, cause);
    }
}
