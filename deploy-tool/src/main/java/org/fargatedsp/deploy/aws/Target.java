package org.fargatedsp.deploy.aws;

/** An IP target in a target group: where a canary task's container listens. */
public record Target(String ip, int port) {
    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
