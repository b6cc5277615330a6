package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The clients' settings from the standard AWS variables, and which endpoints are AWS's own. */
class AwsClientsTest {
    @Test
    void aServicesOwnEndpointWinsOverTheCommonOneAndTheDefaultRegionIsAFallback() {
        AwsClients.Settings settings = AwsClients.Settings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_ENDPOINT_URL_S3", "http://localhost:9000",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "very-secret"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.s3Endpoint()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(settings.firehoseEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(settings.toString()).contains("AKIDEXAMPLE").doesNotContain("very-secret");
    }

    @Test
    void nothingSetLeavesEverythingToTheSdksChains() {
        AwsClients.Settings settings = AwsClients.Settings.fromEnvironment(Map.of("AWS_REGION", " "));

        assertThat(settings.region()).isNull();
        assertThat(settings.s3Endpoint()).isNull();
        assertThat(settings.accessKeyId()).isNull();
        assertThat(settings.attemptTimeout()).isEqualTo(AwsClients.Settings.DEFAULT_ATTEMPT_TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource({"https://s3.us-east-1.amazonaws.com, true", "https://firehose.cn-north-1.amazonaws.com.cn, true",
            "http://127.0.0.1:9000, false", "http://minio.internal:9000, false", "https://amazonaws.com.evil.io, false"})
    void onlyAwsEndpointsAddressBucketsByHostName(String endpoint, boolean aws) {
        assertThat(AwsClients.isAws(URI.create(endpoint))).isEqualTo(aws);
    }
}
