package org.fargatedsp.bidder.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the bidder's DynamoDB client. It is synchronous and runs on the bidder's background threads only, never on
 * an event loop. Its HTTP client is the JDK's URLConnection, as in the deploy tool: the bidder makes a few calls a
 * refresh, where a pooled Apache or Netty client would add megabytes of jar for nothing. Timeouts are short and
 * retries the SDK's standard three attempts (not the nine of DynamoDB's legacy default), so a refresh against an
 * unreachable DynamoDB fails within about a second and the next one tries again.
 */
public final class DynamoDbClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private DynamoDbClients() {}

    /** A client set up from {@code aws}; the caller closes it, which closes its HTTP client too. */
    public static DynamoDbClient create(AwsConfig aws) {
        return builder(aws).build();
    }

    /** A builder set up from {@code aws}, to add to. */
    public static DynamoDbClientBuilder builder(AwsConfig aws) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD))
                .credentialsProvider(credentials(aws));
        if (aws.region() != null) {
            builder.region(Region.of(aws.region()));
        }
        if (aws.dynamoDbEndpointOrDefault() != null) {
            builder.endpointOverride(aws.dynamoDbEndpointOrDefault());
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(AwsConfig aws) {
        if (aws.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(aws.sessionToken() == null
                ? AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())
                : AwsSessionCredentials.create(aws.accessKeyId(), aws.secretAccessKey(), aws.sessionToken()));
    }
}
