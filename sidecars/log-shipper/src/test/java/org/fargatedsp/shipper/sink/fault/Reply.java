package org.fargatedsp.shipper.sink.fault;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer of the fault server: status, content type, body and extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/x-amz-json-1.1";
    static final String XML = "application/xml";

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A Firehose error: its type in {@code __type}, as the JSON 1.1 protocol has it. */
    static Reply jsonError(int status, String type, String message) {
        return json(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    static Reply xml(int status, String body) {
        return new Reply(status, XML, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An S3 error document (Amazon S3 API Reference, "Error responses"). */
    static Reply s3Error(int status, String code, String message) {
        return xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>fault</RequestId></Error>");
    }

    static Reply empty(int status, Map<String, String> headers) {
        return new Reply(status, XML, new byte[0], headers);
    }
}
