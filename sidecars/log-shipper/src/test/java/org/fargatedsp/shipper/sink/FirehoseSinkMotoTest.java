package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.shipper.channel.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Firehose sink end to end through moto: a DirectPut delivery stream with an S3 destination, which moto's
 * Firehose fills with the records it takes; every line sent is read back from the bucket, once.
 */
@ExtendWith(MotoExtension.class)
class FirehoseSinkMotoTest {
    private static final String BUCKET = "firehose-bids";
    private static final String STREAM = "bid-logs";

    @Test
    void everyLineSentArrivesInTheStreamsBucket(MotoServer moto) throws Exception {
        AwsClients.Settings aws = TestAws.settings(moto.endpoint());
        Batch first = BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 4_000, 1));
        Batch second = BidLines.batch(1, 4_001, BidLines.part(BidLines.HOUR, 2_500, 2),
                BidLines.part(BidLines.HOUR + 1, 1_500, 3));
        try (S3Client s3 = AwsClients.s3(aws);
                FirehoseClient client = AwsClients.firehose(aws);
                FirehoseSink sink = new FirehoseSink(client, new FirehoseSink.Settings(STREAM, 64 * 1024,
                        256 * 1024, 500, 1, TestAws.BACKOFF_BASE, TestAws.BACKOFF_MAX))) {
            s3.createBucket(r -> r.bucket(BUCKET));
            client.createDeliveryStream(r -> r.deliveryStreamName(STREAM)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + BUCKET)
                            .roleARN("arn:aws:iam::123456789012:role/firehose-delivery").prefix("raw/")));

            sink.deliver(first).get(30, TimeUnit.SECONDS);
            sink.deliver(second).get(30, TimeUnit.SECONDS);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(BidLines.bytesOf(first.parts().get(0)));
            second.parts().forEach(p -> expected.writeBytes(BidLines.bytesOf(p)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(BidLines.split(delivered(s3)))
                    .containsExactlyInAnyOrderElementsOf(BidLines.split(expected.toByteArray())));
            assertThat(sink.counters().records()).isEqualTo(8_000);
            assertThat(sink.counters().retries()).isZero();
            // Packed: records of up to 64 KiB hold about 200 lines each, not one.
            assertThat(sink.counters().objects()).isLessThan(sink.counters().records() / 100);
        }
    }

    /** Every object moto's Firehose wrote, one after the other in key order. */
    private static byte[] delivered(S3Client s3) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (S3Object object : s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("raw/")).contents()) {
            all.writeBytes(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asByteArray());
        }
        return all.toByteArray();
    }
}
