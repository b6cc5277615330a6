package org.fargatedsp.deploy.canary;

/** The run was interrupted (SIGTERM, SIGINT, a Jenkins abort): the flow cleans up and exits with code 2. */
public final class DeployInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployInterrupted(String message) {
        super(message);
    }
}
