package org.fargatedsp.shipper.sink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.fargatedsp.shipper.channel.Batch;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Delivers batches to a Kinesis Data Firehose stream with PutRecordBatch, many newline-delimited lines packed into
 * each record ({@link FirehoseRecords}), within Firehose's limits: 500 records and 4 MiB a call, 1,000 KiB a record
 * (Amazon Data Firehose Developer Guide, "Quota"). A call that fails whole (throttling, 5xx, a reset, a timeout) is
 * sent again; of a call that succeeds with {@code FailedPutCount > 0}, only the entries with an {@code ErrorCode}
 * are. Both wait with exponential backoff and jitter, for as long as it takes: throttling slows the shipper down
 * and never drops a record.
 *
 * <p><b>Duplicates.</b> Firehose has no idempotent put, so delivery is at least once. Two things send a record
 * twice: (1) a call whose answer is lost (a reset or a timeout after Firehose took it) is sent again, so each such
 * fault duplicates at most one call, 500 records, 4 MiB; (2) after a crash, the channel delivers again every batch
 * that was not acknowledged, and of those, the records Firehose had already taken come twice. So the duplicates of
 * a crash are at most the records of the batches in flight at that moment: the channel's in-flight limit times
 * its batch size, whole batches, never a record acknowledged before that.
 */
public final class FirehoseSink extends RetryingSink {
    private static final String THROTTLED_ENTRY = "ServiceUnavailableException";

    /**
     * @param stream the delivery stream's name
     * @param maxRecordBytes the largest record, at most Firehose's {@value #MAX_RECORD_BYTES} bytes
     * @param maxCallBytes the most record bytes in a call, at most {@value #MAX_CALL_BYTES}
     * @param maxCallRecords the most records in a call, at most {@value #MAX_CALL_RECORDS}
     * @param threads how many batches are sent at once
     * @param backoffBase the first wait after a fault; it doubles with each fault in a row
     * @param backoffMax the longest wait
     */
    public record Settings(String stream, int maxRecordBytes, int maxCallBytes, int maxCallRecords, int threads,
            Duration backoffBase, Duration backoffMax) {
        /** 1,000 KiB, before base64. */
        public static final int MAX_RECORD_BYTES = 1_000 * 1024;
        public static final int MAX_CALL_BYTES = 4 * 1024 * 1024;
        public static final int MAX_CALL_RECORDS = 500;
        public static final int DEFAULT_THREADS = 2;

        public Settings {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffMax, "backoffMax");
            if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES || maxCallBytes < maxRecordBytes
                    || maxCallBytes > MAX_CALL_BYTES || maxCallRecords < 1 || maxCallRecords > MAX_CALL_RECORDS) {
                throw new IllegalArgumentException("Firehose takes records of at most " + MAX_RECORD_BYTES
                        + " bytes, " + MAX_CALL_RECORDS + " records and " + MAX_CALL_BYTES + " bytes a call, and"
                        + " a call must hold a whole record: not " + maxRecordBytes + ", " + maxCallRecords + ", "
                        + maxCallBytes);
            }
        }

        /** Firehose's limits and the default backoff, for {@code stream}. */
        public static Settings of(String stream) {
            return new Settings(stream, MAX_RECORD_BYTES, MAX_CALL_BYTES, MAX_CALL_RECORDS, DEFAULT_THREADS,
                    S3Sink.Settings.DEFAULT_BACKOFF_BASE, S3Sink.Settings.DEFAULT_BACKOFF_MAX);
        }
    }

    private final FirehoseClient firehose;
    private final Settings settings;

    /** A sink that sends through {@code firehose}, which the caller closes after this sink. */
    public FirehoseSink(FirehoseClient firehose, Settings settings) {
        this(firehose, settings, Backoff.SLEEP, RandomGenerator.getDefault());
    }

    FirehoseSink(FirehoseClient firehose, Settings settings, Backoff.Pause pause, RandomGenerator random) {
        super("firehose-sink", settings.threads(), Attempts.Faults.AWS, settings.backoffBase(), settings.backoffMax(), pause, random);
        this.firehose = firehose;
        this.settings = settings;
    }

    @Override
    void send(Batch batch) {
        String what = "PutRecordBatch to " + settings.stream();
        FirehoseRecords source = new FirehoseRecords(batch.parts(), settings.maxRecordBytes());
        // Records cut but not yet taken in (failed entries, one that did not fit the last call) go first, in order.
        ArrayDeque<SdkBytes> pending = new ArrayDeque<>();
        List<Record> call = new ArrayList<>();
        int partialFailures = 0;
        while (!pending.isEmpty() || source.hasNext()) {
            call.clear();
            long callBytes = 0;
            while (call.size() < settings.maxCallRecords() && (!pending.isEmpty() || source.hasNext())) {
                SdkBytes next = pending.isEmpty() ? source.next() : pending.pollFirst();
                int size = next.asByteArrayUnsafe().length;
                if (!call.isEmpty() && callBytes + size > settings.maxCallBytes()) {
                    pending.addFirst(next);
                    break;
                }
                call.add(Record.builder().data(next).build());
                callBytes += size;
            }
            PutRecordBatchResponse response = attempts.call(what, () -> firehose.putRecordBatch(
                    r -> r.deliveryStreamName(settings.stream()).records(call)));
            if (response.failedPutCount() == null || response.failedPutCount() == 0) {
                counters.stored(call.size(), callBytes);
                partialFailures = 0;
                continue;
            }
            partialFailures++;
            requeueFailed(call, response.requestResponses(), pending);
            attempts.backoff(partialFailures, what);
        }
    }

    /** Puts back, in order, the entries of {@code call} whose answers carry an ErrorCode; counts the rest. */
    private void requeueFailed(List<Record> call, List<PutRecordBatchResponseEntry> answers,
            ArrayDeque<SdkBytes> pending) {
        // An answer that does not match the call entry for entry says nothing about which went in: all go again.
        boolean matched = answers.size() == call.size();
        List<SdkBytes> again = new ArrayList<>();
        long storedBytes = 0;
        boolean throttled = false;
        for (int i = 0; i < call.size(); i++) {
            String error = matched ? answers.get(i).errorCode() : "unmatched";
            SdkBytes data = call.get(i).data();
            if (error == null) {
                storedBytes += data.asByteArrayUnsafe().length;
            } else {
                again.add(data);
                throttled |= THROTTLED_ENTRY.equals(error);
            }
        }
        counters.stored(call.size() - again.size(), storedBytes);
        counters.failedEntries(again.size());
        counters.retry(throttled);
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i));
        }
    }
}
