package org.fargatedsp.shipper.sink.fault;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/** The API call an HTTP request is, told from its method, its query and its {@code X-Amz-Target}. */
public enum Operation {
    PUT_RECORD_BATCH, PUT_OBJECT, CREATE_MULTIPART_UPLOAD, UPLOAD_PART, COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD, GET_OBJECT, CREATE_BUCKET, OTHER;

    static Operation of(HttpRequest request) {
        String target = request.headers().get("X-Amz-Target");
        if (target != null) {
            return target.endsWith(".PutRecordBatch") ? PUT_RECORD_BATCH : OTHER;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        boolean hasKey = uri.path().indexOf('/', 1) > 0;
        boolean upload = uri.parameters().containsKey("uploadId");
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.PUT)) {
            return upload ? UPLOAD_PART : hasKey ? PUT_OBJECT : CREATE_BUCKET;
        }
        if (method.equals(HttpMethod.POST)) {
            return uri.parameters().containsKey("uploads") ? CREATE_MULTIPART_UPLOAD
                    : upload ? COMPLETE_MULTIPART_UPLOAD : OTHER;
        }
        if (method.equals(HttpMethod.DELETE) && upload) {
            return ABORT_MULTIPART_UPLOAD;
        }
        return method.equals(HttpMethod.GET) && hasKey ? GET_OBJECT : OTHER;
    }
}
