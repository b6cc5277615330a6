package org.fargatedsp.bidder.aws;

import java.net.URI;
import java.util.List;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * How the bidder reaches AWS, from the standard AWS environment variables: the region, an endpoint (a local
 * emulator, a VPC endpoint) and static credentials. Whatever is not set is left to the SDK's default chains, which
 * on ECS give the task's region and its task role. Read from the same map as the rest of the configuration, so
 * that tests point a bidder at their own server without touching the process environment.
 *
 * @param region the region, or null for the SDK's chain
 * @param endpoint the endpoint of every AWS service, or null for the region's
 * @param dynamoDbEndpoint DynamoDB's endpoint, or null for {@code endpoint}
 * @param accessKeyId with {@code secretAccessKey}, static credentials; null for the SDK's chain
 * @param sessionToken the session token of temporary static credentials, or null
 */
public record AwsConfig(String region, URI endpoint, URI dynamoDbEndpoint, String accessKeyId,
        String secretAccessKey, String sessionToken) {
    public static final Key<String> REGION = Key.string("AWS_REGION", "[a-z]{2}(-[a-z]+)+-[0-9]+",
            "must be an AWS region such as us-east-1").documentedDefault("the SDK's chain")
            .doc("Region of the AWS services the bidder calls (DynamoDB); without it, the SDK's default region"
                    + " chain (profile, instance metadata).");
    public static final Key<URI> ENDPOINT_URL = Key.baseUri("AWS_ENDPOINT_URL").documentedDefault("the region's")
            .doc("Endpoint of every AWS service the bidder calls, such as a local emulator: the SDK's standard"
                    + " variable.");
    public static final Key<URI> ENDPOINT_URL_DYNAMODB = Key.baseUri("AWS_ENDPOINT_URL_DYNAMODB")
            .documentedDefault("`AWS_ENDPOINT_URL`").doc("DynamoDB's endpoint, over `AWS_ENDPOINT_URL`.");
    public static final Key<String> ACCESS_KEY_ID = Key.string("AWS_ACCESS_KEY_ID")
            .documentedDefault("the SDK's chain")
            .doc("With `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` for temporary ones), static credentials;"
                    + " without them, the SDK's default credentials chain, which on ECS is the task role.");
    public static final Key<String> SECRET_ACCESS_KEY = Key.string("AWS_SECRET_ACCESS_KEY")
            .doc("The secret of `AWS_ACCESS_KEY_ID`.");
    public static final Key<String> SESSION_TOKEN = Key.string("AWS_SESSION_TOKEN")
            .doc("The session token of temporary credentials.");

    /** Every AWS key, in the order of the README's table. */
    public static final List<Key<?>> KEYS = List.of(REGION, ENDPOINT_URL, ENDPOINT_URL_DYNAMODB, ACCESS_KEY_ID,
            SECRET_ACCESS_KEY, SESSION_TOKEN);

    /** The settings {@code r} reads; static credentials need both their halves. */
    public static AwsConfig read(ConfigReader r) {
        String keyId = r.get(ACCESS_KEY_ID);
        String secret = r.get(SECRET_ACCESS_KEY);
        if ((keyId == null) != (secret == null)) {
            r.problem((keyId == null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") + " is set without "
                    + (keyId == null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + ": set both, or neither to"
                    + " use the SDK's default credentials chain");
        }
        return new AwsConfig(r.get(REGION), r.get(ENDPOINT_URL), r.get(ENDPOINT_URL_DYNAMODB), keyId, secret,
                r.get(SESSION_TOKEN));
    }

    /** DynamoDB's endpoint: its own, else the common one, else null for the region's. */
    public URI dynamoDbEndpointOrDefault() {
        return dynamoDbEndpoint != null ? dynamoDbEndpoint : endpoint;
    }

    // The secret and the token are secrets: keep them out of logs and error messages.
    @Override
    public String toString() {
        return "AwsConfig[region=" + region + ", endpoint=" + endpoint + ", dynamoDbEndpoint=" + dynamoDbEndpoint
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "absent" : "***")
                + ", sessionToken=" + (sessionToken == null ? "absent" : "***") + "]";
    }
}
