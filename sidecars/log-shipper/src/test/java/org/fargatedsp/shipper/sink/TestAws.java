package org.fargatedsp.shipper.sink;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The AWS settings of the sink tests: a local endpoint, fake credentials, short timeouts and backoffs. */
final class TestAws {
    static final Duration BACKOFF_BASE = Duration.ofMillis(2);
    static final Duration BACKOFF_MAX = Duration.ofMillis(200);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1_500);

    private TestAws() {}

    static AwsClients.Settings settings(URI endpoint) {
        return AwsClients.Settings.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL",
                endpoint.toString(), "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"))
                .withAttemptTimeout(ATTEMPT_TIMEOUT);
    }
}
