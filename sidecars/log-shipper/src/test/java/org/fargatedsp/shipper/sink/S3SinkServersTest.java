package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 sink against two real S3 servers, S3Proxy in process and moto's server: single and multipart objects
 * stored at their keys, readable with any gzip reader, and identical when the batch is delivered again.
 */
class S3SinkServersTest {
    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension();
    private static InProcessS3Proxy s3Proxy;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3Proxy = new InProcessS3Proxy();
    }

    @AfterAll
    static void stopS3Proxy() {
        s3Proxy.close();
    }

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("S3Proxy", (ServerEndpoint) () -> s3Proxy.endpoint()),
                Arguments.of("moto", (ServerEndpoint) () -> MOTO.server().endpoint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void storesSingleAndMultipartObjectsAndTheSameBytesWhenDeliveredAgain(String name, ServerEndpoint server)
            throws Exception {
        String bucket = "bids-" + name.toLowerCase(java.util.Locale.ROOT);
        HourPart small = BidLines.part(BidLines.HOUR, 3_000, 1);
        // Past one 5 MiB part even compressed: a multipart upload of two parts.
        HourPart large = BidLines.incompressible(BidLines.HOUR + 1, 7 * 1024, 1024, 2);
        Batch batch = BidLines.batch(12, 40_001, small, large);
        try (S3Client s3 = AwsClients.s3(TestAws.settings(server.endpoint()));
                S3Sink sink = new S3Sink(s3, new S3Sink.Settings(bucket, "bid-logs/v1",
                        S3Sink.Settings.MIN_PART_BYTES, 2, 1, TestAws.BACKOFF_BASE, TestAws.BACKOFF_MAX))) {
            s3.createBucket(r -> r.bucket(bucket));

            sink.deliver(batch).get(30, TimeUnit.SECONDS);
            ObjectLayout layout = new ObjectLayout("bid-logs/v1");
            byte[] smallObject = get(s3, bucket, layout.key(batch, small));
            byte[] largeObject = get(s3, bucket, layout.key(batch, large));
            sink.deliver(batch).get(30, TimeUnit.SECONDS);

            assertThat(BidLines.gunzip(smallObject)).isEqualTo(BidLines.bytesOf(small));
            assertThat(BidLines.gunzip(largeObject)).isEqualTo(BidLines.bytesOf(large));
            List<String> keys = s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                    .toList();
            assertThat(keys).containsExactlyInAnyOrder(layout.key(batch, small), layout.key(batch, large));
            assertThat(get(s3, bucket, layout.key(batch, small))).isEqualTo(smallObject);
            assertThat(get(s3, bucket, layout.key(batch, large))).isEqualTo(largeObject);
            assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
            assertThat(sink.counters().records()).isEqualTo(2L * batch.records());
        }
    }

    private static byte[] get(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    /** Where a server listens, asked for only once it runs. */
    interface ServerEndpoint {
        URI endpoint();
    }
}
