package org.fargatedsp.shipper.sink;

import java.util.Set;
import org.fargatedsp.shipper.sink.Attempts.Fault;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Sorts what an AWS call threw into the faults a retry can fix and those it cannot. Every client-side fault (a
 * reset, a timeout, a refused connection, credentials not yet loadable) and every 5xx is transient: an outage of
 * any length is waited out. A 4xx is permanent unless its code says throttling or a timing problem. Codes from
 * the S3 error list (Amazon S3 API Reference, "Error responses") and Firehose's PutRecordBatch errors.
 */
final class AwsFaults {
    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "ServiceUnavailable",
            "ServiceUnavailableException", "RequestThrottled", "RequestThrottledException");
    // 4xx codes that a later attempt fixes: an upload cut short, a clock or a token that has since moved on.
    private static final Set<String> RETRYABLE_4XX = Set.of("RequestTimeout", "RequestTimeoutException",
            "IncompleteBody", "BadDigest", "RequestTimeTooSkewed", "ExpiredToken", "ExpiredTokenException",
            "InternalError", "InternalFailure", "OperationAborted");

    private AwsFaults() {}

    static Fault classify(Throwable thrown) {
        if (thrown instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if (status == 429 || status == 503 || (code != null && THROTTLING.contains(code))) {
                return Fault.THROTTLED;
            }
            if (status >= 500 || status == 408 || (code != null && RETRYABLE_4XX.contains(code))) {
                return Fault.TRANSIENT;
            }
            return Fault.PERMANENT;
        }
        if (thrown instanceof SdkClientException) {
            return Fault.TRANSIENT;
        }
        return Fault.PERMANENT;
    }

    /** One line for a permanent fault: what was tried, the service's code, status and message. */
    static String describe(String what, Throwable thrown) {
        if (thrown instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return what + " failed for good: " + service.awsErrorDetails().errorCode() + " (HTTP "
                    + service.statusCode() + "): " + service.awsErrorDetails().errorMessage();
        }
        return what + " failed for good: " + thrown;
    }
}
