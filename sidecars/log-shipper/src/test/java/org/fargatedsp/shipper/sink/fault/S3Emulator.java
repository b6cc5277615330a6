package org.fargatedsp.shipper.sink.fault;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 calls the sink makes, path-style ({@code /bucket/key}): PutObject, CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload, GetObject, in memory. Bodies signed in chunks
 * ({@code aws-chunked}, Amazon S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in Multiple Chunks") are decoded. A bucket listed as denied answers AccessDenied.
 */
final class S3Emulator {
    private static final Pattern PART = Pattern.compile("<PartNumber>(\\d+)</PartNumber>");

    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger uploadIds = new AtomicInteger();

    void createBucket(String bucket) {
        buckets.add(bucket);
    }

    void deny(String bucket) {
        denied.add(bucket);
    }

    Map<String, byte[]> objects() {
        return new TreeMap<>(objects);
    }

    Set<String> openUploads() {
        return Set.copyOf(uploads.keySet());
    }

    Reply serve(Operation operation, String uri, Map<String, String> headers, byte[] body) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        String path = decoder.path().substring(1);
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String key = slash < 0 ? "" : path.substring(slash + 1);
        if (denied.contains(bucket)) {
            return Reply.s3Error(403, "AccessDenied", "Access Denied");
        }
        if (!buckets.contains(bucket)) {
            return Reply.s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        String uploadId = decoder.parameters().containsKey("uploadId") ? decoder.parameters().get("uploadId").get(0)
                : null;
        Map<Integer, byte[]> upload = uploadId == null ? null : uploads.get(uploadId);
        if (uploadId != null && upload == null) {
            return Reply.s3Error(404, "NoSuchUpload", "The specified upload does not exist");
        }
        switch (operation) {
            case PUT_OBJECT:
                objects.put(bucket + "/" + key, decode(headers, body));
                return Reply.empty(200, Map.of("ETag", "\"object\""));
            case CREATE_MULTIPART_UPLOAD:
                String id = "upload-" + uploadIds.incrementAndGet();
                uploads.put(id, new ConcurrentHashMap<>());
                return Reply.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult>"
                        + "<Bucket>" + bucket + "</Bucket><Key>" + key + "</Key><UploadId>" + id + "</UploadId>"
                        + "</InitiateMultipartUploadResult>");
            case UPLOAD_PART:
                int number = Integer.parseInt(decoder.parameters().get("partNumber").get(0));
                upload.put(number, decode(headers, body));
                return Reply.empty(200, Map.of("ETag", "\"part-" + number + "\""));
            case COMPLETE_MULTIPART_UPLOAD:
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                Matcher parts = PART.matcher(new String(body, StandardCharsets.UTF_8));
                while (parts.find()) {
                    byte[] part = upload.get(Integer.parseInt(parts.group(1)));
                    if (part == null) {
                        return Reply.s3Error(400, "InvalidPart", "part " + parts.group(1) + " was not uploaded");
                    }
                    whole.writeBytes(part);
                }
                objects.put(bucket + "/" + key, whole.toByteArray());
                uploads.remove(uploadId);
                return Reply.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUploadResult>"
                        + "<Bucket>" + bucket + "</Bucket><Key>" + key + "</Key><ETag>\"whole\"</ETag>"
                        + "</CompleteMultipartUploadResult>");
            case ABORT_MULTIPART_UPLOAD:
                uploads.remove(uploadId);
                return Reply.empty(204, Map.of());
            case GET_OBJECT:
                byte[] object = objects.get(bucket + "/" + key);
                return object == null ? Reply.s3Error(404, "NoSuchKey", "The specified key does not exist")
                        : new Reply(200, "application/octet-stream", object, Map.of());
            default:
                return Reply.s3Error(501, "NotImplemented", "not emulated");
        }
    }

    /** The payload of a body, without the chunk framing when it was sent {@code aws-chunked}. */
    private static byte[] decode(Map<String, String> headers, byte[] body) {
        String sha = headers.getOrDefault("x-amz-content-sha256", "");
        if (!sha.startsWith("STREAMING-")) {
            return body;
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(body.length);
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? header : header.substring(0, semicolon), 16);
            if (size == 0) {
                return payload.toByteArray();
            }
            payload.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked body without a chunk header at " + from);
    }
}
