package org.fargatedsp.shipper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.fargatedsp.shipper.sink.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of a local S3 server as the shipper's tests read it: the settings a shipper needs to write there, and
 * every object read back, gunzipped, in the order of the keys' file sequence and first line.
 */
final class S3Bucket implements AutoCloseable {
    /** The shipper's object names: {@code bids-<task>-<seq>-<first line>-<last line>.jsonl.gz}, numbers of 10 digits. */
    private static final Comparator<String> WRITING_ORDER = Comparator.comparing(S3Bucket::task)
            .thenComparing(k -> number(k, 3)).thenComparing(k -> number(k, 2));

    private final URI endpoint;
    private final String bucket;
    private final S3Client s3;

    S3Bucket(URI endpoint, String bucket) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.s3 = AwsClients.s3(AwsClients.Settings.fromEnvironment(aws()));
        s3.createBucket(r -> r.bucket(bucket));
    }

    /** The standard AWS variables of this bucket's server and test credentials. */
    Map<String, String> aws() {
        return aws(endpoint);
    }

    /** The standard AWS variables of a local {@code endpoint} and test credentials. */
    static Map<String, String> aws(URI endpoint) {
        return Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID",
                "testing", "AWS_SECRET_ACCESS_KEY", "testing");
    }

    /** {@code base} with {@code SINK=s3} into this bucket. */
    Map<String, String> shipperEnv(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(aws());
        env.put("SINK", "s3");
        env.put("S3_BUCKET", bucket);
        return env;
    }

    /** How many objects the bucket holds. */
    int count() {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().mapToInt(o -> 1).sum();
    }

    /** Every object's key, in writing order (task, file sequence, first line). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            keys.add(object.key());
        }
        keys.sort(WRITING_ORDER);
        return keys;
    }

    /** The lines of every object, objects in writing order: for one task, exactly the lines written, in order. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String key : keys()) {
            byte[] gz = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("object " + key + " is not gzip", e);
            }
        }
        return lines;
    }

    private static String task(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.substring("bids-".length(), name.length() - ".jsonl.gz".length() - 3 * 11);
    }

    /** The {@code fromEnd}-th 10-digit number of the name, counted from its end (1 = the last line). */
    private static long number(String key, int fromEnd) {
        int end = key.length() - ".jsonl.gz".length() - (fromEnd - 1) * 11;
        return Long.parseLong(key.substring(end - 10, end));
    }

    @Override
    public void close() {
        s3.close();
    }
}
