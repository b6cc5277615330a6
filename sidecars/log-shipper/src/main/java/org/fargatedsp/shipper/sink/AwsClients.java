package org.fargatedsp.shipper.sink;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 and Firehose clients of the sinks from the standard AWS environment: {@code AWS_REGION} (or
 * {@code AWS_DEFAULT_REGION}), {@code AWS_ENDPOINT_URL} and the per-service {@code AWS_ENDPOINT_URL_S3} and
 * {@code AWS_ENDPOINT_URL_FIREHOSE}, and static credentials ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}). What is not set is left to the SDK's chains, which on
 * ECS give the task's region and role. S3 is addressed path-style when its endpoint is not AWS's: local servers
 * (S3Proxy, moto) have no per-bucket host names. The SDK's own retries are off: the sinks retry every transient
 * fault themselves, forever, with their own backoff ({@link Attempts}).
 */
public final class AwsClients {
    /**
     * @param region the region, or null for the SDK's chain
     * @param s3Endpoint S3's endpoint, or null for the region's
     * @param firehoseEndpoint Firehose's endpoint, or null for the region's
     * @param accessKeyId with {@code secretAccessKey}, static credentials; null for the SDK's chain
     * @param sessionToken the session token of temporary static credentials, or null
     * @param attemptTimeout how long one attempt may take before it is abandoned and tried again
     */
    public record Settings(String region, URI s3Endpoint, URI firehoseEndpoint, String accessKeyId,
            String secretAccessKey, String sessionToken, Duration attemptTimeout) {
        public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

        /** The settings of the standard variables in {@code env}; absent ones are null. */
        public static Settings fromEnvironment(Map<String, String> env) {
            String region = value(env, "AWS_REGION");
            URI endpoint = uri(env, "AWS_ENDPOINT_URL");
            URI s3 = uri(env, "AWS_ENDPOINT_URL_S3");
            URI firehose = uri(env, "AWS_ENDPOINT_URL_FIREHOSE");
            return new Settings(region != null ? region : value(env, "AWS_DEFAULT_REGION"),
                    s3 != null ? s3 : endpoint, firehose != null ? firehose : endpoint,
                    value(env, "AWS_ACCESS_KEY_ID"), value(env, "AWS_SECRET_ACCESS_KEY"),
                    value(env, "AWS_SESSION_TOKEN"), DEFAULT_ATTEMPT_TIMEOUT);
        }

        public Settings withAttemptTimeout(Duration timeout) {
            return new Settings(region, s3Endpoint, firehoseEndpoint, accessKeyId, secretAccessKey, sessionToken,
                    timeout);
        }

        // The secret and the token stay out of logs and error messages.
        @Override
        public String toString() {
            return "AwsClients.Settings[region=" + region + ", s3Endpoint=" + s3Endpoint + ", firehoseEndpoint="
                    + firehoseEndpoint + ", accessKeyId=" + accessKeyId + ", secretAccessKey="
                    + (secretAccessKey == null ? "absent" : "***") + ", sessionToken="
                    + (sessionToken == null ? "absent" : "***") + ", attemptTimeout=" + attemptTimeout + "]";
        }

        private static String value(Map<String, String> env, String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static URI uri(Map<String, String> env, String name) {
            String value = value(env, name);
            return value == null ? null : URI.create(value);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private AwsClients() {}

    /** An S3 client; the caller closes it. */
    public static S3Client s3(Settings settings) {
        return configure(S3Client.builder(), settings, settings.s3Endpoint())
                .forcePathStyle(settings.s3Endpoint() != null && !isAws(settings.s3Endpoint()))
                // Checksums only where S3 requires them: local servers do not all take the aws-chunked trailers
                // of the default, and gzip's own CRC-32 checks each object end to end when it is read.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** A Firehose client; the caller closes it. */
    public static FirehoseClient firehose(Settings settings) {
        return configure(FirehoseClient.builder(), settings, settings.firehoseEndpoint()).build();
    }

    /** Whether {@code endpoint} is one of AWS's own, which address buckets by host name. */
    static boolean isAws(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Settings settings, URI endpoint) {
        builder.credentialsProvider(credentials(settings))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(settings.attemptTimeout()));
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(settings.attemptTimeout()));
        }
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.accessKeyId() == null || settings.secretAccessKey() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(settings.sessionToken() == null
                ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(),
                        settings.sessionToken()));
    }
}
