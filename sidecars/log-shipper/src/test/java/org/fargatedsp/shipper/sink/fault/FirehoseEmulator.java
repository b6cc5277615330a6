package org.fargatedsp.shipper.sink.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firehose's PutRecordBatch over the AWS JSON 1.1 protocol ({@code X-Amz-Target: Firehose_20150804.PutRecordBatch}),
 * keeping every record it accepts. A partial failure fails every other entry, alternately with the two per-entry
 * codes of the API reference, and keeps only the others.
 */
final class FirehoseEmulator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private final List<byte[]> accepted = new ArrayList<>();
    private final List<List<byte[]>> calls = new ArrayList<>();

    void createStream(String name) {
        streams.add(name);
    }

    synchronized List<byte[]> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<List<byte[]>> calls() {
        return List.copyOf(calls);
    }

    Reply putRecordBatch(byte[] body, boolean partialFailure) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return Reply.jsonError(400, "SerializationException", "not JSON");
        }
        String stream = request.path("DeliveryStreamName").asText();
        if (!streams.contains(stream)) {
            return Reply.jsonError(400, "ResourceNotFoundException", "Firehose " + stream + " not found.");
        }
        List<byte[]> records = new ArrayList<>();
        for (JsonNode record : request.path("Records")) {
            records.add(Base64.getDecoder().decode(record.path("Data").asText()));
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode answers = response.putArray("RequestResponses");
        int failed = 0;
        synchronized (this) {
            calls.add(records);
            for (int i = 0; i < records.size(); i++) {
                ObjectNode answer = answers.addObject();
                if (partialFailure && i % 2 == 1) {
                    failed++;
                    answer.put("ErrorCode", failed % 2 == 1 ? "ServiceUnavailableException" : "InternalFailure");
                    answer.put("ErrorMessage", "injected");
                } else {
                    accepted.add(records.get(i));
                    answer.put("RecordId", "record-" + accepted.size());
                }
            }
        }
        response.put("FailedPutCount", failed);
        response.put("Encrypted", false);
        return Reply.json(200, response.toString());
    }
}
