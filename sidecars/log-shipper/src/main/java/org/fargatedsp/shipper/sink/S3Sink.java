package org.fargatedsp.shipper.sink;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.zip.Deflater;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Delivers each batch as one gzip object per hour part, at {@link ObjectLayout#key}. The key and the bytes are
 * functions of the batch alone, so a retry, or a batch delivered again after a crash, overwrites an object with
 * identical bytes: exactly once in S3. An object whose gzip bytes fill more than one part goes up as a multipart
 * upload, part by part as the compressor fills them, so memory per thread stays one part whatever the object's
 * size; an upload that fails for good or is closed is aborted. A crash mid-upload leaves an incomplete upload that
 * only a bucket lifecycle rule (AbortIncompleteMultipartUpload) removes: set one on the bucket. The future
 * completes once every part's object is stored.
 */
public final class S3Sink extends RetryingSink {
    private static final String CONTENT_TYPE = "application/gzip";

    /**
     * @param bucket the bucket
     * @param prefix the key prefix, without leading or trailing {@code /}; empty for the bucket's root
     * @param partBytes the multipart part size; an object whose gzip bytes fit in one part is a single PutObject.
     *     Each thread holds up to one part in memory. At least S3's minimum, 5 MiB
     * @param threads how many batches are sent at once
     * @param gzipLevel the deflate level, 1 (fastest) to 9
     * @param backoffBase the first wait after a transient fault; it doubles with each fault in a row
     * @param backoffMax the longest wait
     */
    public record Settings(String bucket, String prefix, int partBytes, int threads, int gzipLevel,
            Duration backoffBase, Duration backoffMax) {
        /** S3's smallest part but the last (Amazon S3 User Guide, "Multipart upload limits"). */
        public static final int MIN_PART_BYTES = 5 * 1024 * 1024;
        public static final int DEFAULT_PART_BYTES = 8 * 1024 * 1024;
        public static final int DEFAULT_THREADS = 2;
        /**
         * Level 1: on generated bid-log lines (SinkThroughput) it spends 1.35 CPU s per million lines for a ratio
         * of 6.0, level 6 2.9 s for 7.6; the shipper's whole budget is 4 s per million.
         */
        public static final int DEFAULT_GZIP_LEVEL = Deflater.BEST_SPEED;
        public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(100);
        public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(20);

        public Settings {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffMax, "backoffMax");
            if (partBytes < MIN_PART_BYTES) {
                throw new IllegalArgumentException("S3 parts are at least " + MIN_PART_BYTES + " bytes, not "
                        + partBytes);
            }
            if (gzipLevel < 1 || gzipLevel > 9) {
                throw new IllegalArgumentException("gzip level " + gzipLevel + " is not 1 to 9");
            }
        }

        /** The defaults for {@code bucket} and {@code prefix}. */
        public static Settings of(String bucket, String prefix) {
            return new Settings(bucket, prefix, DEFAULT_PART_BYTES, DEFAULT_THREADS, DEFAULT_GZIP_LEVEL,
                    DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX);
        }
    }

    private final S3Client s3;
    private final Settings settings;
    private final ObjectLayout layout;
    private final ThreadLocal<GzipParts> gzip;

    /** A sink that sends through {@code s3}, which the caller closes after this sink. */
    public S3Sink(S3Client s3, Settings settings) {
        this(s3, settings, Backoff.SLEEP, RandomGenerator.getDefault());
    }

    S3Sink(S3Client s3, Settings settings, Backoff.Pause pause, RandomGenerator random) {
        super("s3-sink", settings.threads(), Attempts.Faults.AWS, settings.backoffBase(), settings.backoffMax(), pause, random);
        this.s3 = s3;
        this.settings = settings;
        this.layout = new ObjectLayout(settings.prefix());
        this.gzip = ThreadLocal.withInitial(() -> new GzipParts(settings.gzipLevel(), settings.partBytes()));
    }

    @Override
    void send(Batch batch) {
        for (HourPart part : batch.parts()) {
            store(layout.key(batch, part), part);
        }
    }

    private void store(String key, HourPart part) {
        GzipParts encoder = gzip.get();
        int restarts = 0;
        while (true) {
            Upload upload = new Upload(key);
            try {
                encoder.compress(part.lines(), part.length(), upload::part);
                if (upload.id == null) {
                    put(key, encoder.buffer(), encoder.length());
                } else {
                    upload.part(encoder.buffer(), encoder.length());
                    upload.complete();
                }
                counters.stored(1, upload.bytes + encoder.length());
                return;
            } catch (RuntimeException e) {
                upload.abort();
                if (!(e instanceof SinkException) || e instanceof SinkClosedException
                        || !(e.getCause() instanceof NoSuchUploadException)) {
                    throw e;
                }
                // The upload is gone (completed by an attempt whose answer was lost, or aborted by a lifecycle
                // rule): the object is sent again whole, the same bytes under the same key.
                counters.retry(false);
                attempts.backoff(++restarts, "s3://" + settings.bucket() + "/" + key);
            }
        }
    }

    private void put(String key, byte[] bytes, int length) {
        attempts.call("PutObject s3://" + settings.bucket() + "/" + key, () -> s3.putObject(
                r -> r.bucket(settings.bucket()).key(key).contentLength((long) length).contentType(CONTENT_TYPE),
                body(bytes, length)));
    }

    private static RequestBody body(byte[] bytes, int length) {
        // A fresh stream over the same bytes for each attempt, without copying them.
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                CONTENT_TYPE);
    }

    /** One multipart upload, created when the first part fills (Amazon S3 API Reference, CreateMultipartUpload). */
    private final class Upload {
        private final String key;
        private final List<CompletedPart> parts = new ArrayList<>();
        private String id;
        private long bytes;

        Upload(String key) {
            this.key = key;
        }

        void part(byte[] buffer, int length) {
            String object = "s3://" + settings.bucket() + "/" + key;
            if (id == null) {
                id = attempts.call("CreateMultipartUpload " + object, () -> s3.createMultipartUpload(
                        r -> r.bucket(settings.bucket()).key(key).contentType(CONTENT_TYPE))).uploadId();
            }
            int number = parts.size() + 1;
            String eTag = attempts.call("UploadPart " + number + " of " + object, () -> s3.uploadPart(
                    r -> r.bucket(settings.bucket()).key(key).uploadId(id).partNumber(number)
                            .contentLength((long) length), body(buffer, length))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            bytes += length;
        }

        void complete() {
            attempts.call("CompleteMultipartUpload s3://" + settings.bucket() + "/" + key,
                    () -> s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(id)
                            .multipartUpload(m -> m.parts(parts))));
        }

        /** One try, so that no upload is left behind when the sink gives up on it; a lifecycle rule does the rest. */
        void abort() {
            if (id == null) {
                return;
            }
            // A closing sink interrupts its threads, and the SDK refuses to start a call on an interrupted thread.
            boolean interrupted = Thread.interrupted();
            try {
                counters.call();
                s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(id));
            } catch (SdkException e) {
                // Already gone, or S3 unreachable: the bucket's lifecycle rule removes it.
            } finally {
                id = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
