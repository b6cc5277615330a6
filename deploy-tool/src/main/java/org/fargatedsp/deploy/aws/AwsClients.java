package org.fargatedsp.deploy.aws;

import java.net.URI;
import java.time.Duration;
import org.fargatedsp.deploy.config.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The three SDK clients the tool uses, sharing one HTTP client, retry policy and credentials. */
public final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;

    private AwsClients(SdkHttpClient http, EcsClient ecs, ElasticLoadBalancingV2Client elb,
                       CloudWatchClient cloudWatch) {
        this.http = http;
        this.ecs = ecs;
        this.elb = elb;
        this.cloudWatch = cloudWatch;
    }

    /** Builds the clients; endpoints left null go to the region's public endpoints. */
    public static AwsClients create(AwsSettings settings, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(settings))
                .apiCallAttemptTimeout(Duration.ofSeconds(60))
                .build();
        Region region = Region.of(settings.region());
        var ecs = EcsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override);
        var elb = ElasticLoadBalancingV2Client.builder().httpClient(http).region(region)
                .credentialsProvider(credentials).overrideConfiguration(override);
        var cloudWatch = CloudWatchClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override);
        endpoint(settings.ecsEndpoint(), ecs::endpointOverride);
        endpoint(settings.elbEndpoint(), elb::endpointOverride);
        endpoint(settings.cloudWatchEndpoint(), cloudWatch::endpointOverride);
        return new AwsClients(http, ecs.build(), elb.build(), cloudWatch.build());
    }

    /**
     * The SDK's standard strategy (it retries throttling codes such as ThrottlingException and Throttling), with
     * configurable delays and without the retry quota: a deploy would rather wait than give up half way.
     */
    static RetryStrategy retryStrategy(AwsSettings settings) {
        Duration max = positive(settings.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(positive(settings.retryBaseDelay()), max))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(positive(settings.throttleBaseDelay()), max))
                .circuitBreakerEnabled(false)
                .build();
    }

    private static Duration positive(Duration duration) {
        return duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    private static void endpoint(URI uri, java.util.function.Consumer<URI> setter) {
        if (uri != null) {
            setter.accept(uri);
        }
    }

    public EcsClient ecs() {
        return ecs;
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb;
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public void close() {
        ecs.close();
        elb.close();
        cloudWatch.close();
        http.close();
    }
}
