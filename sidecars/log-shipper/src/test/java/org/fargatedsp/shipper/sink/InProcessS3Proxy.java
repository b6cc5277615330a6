package org.fargatedsp.shipper.sink;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy (an S3 server on Jetty, over jclouds) in this JVM on a free loopback port, storing in jclouds'
 * in-memory {@code transient} blobstore, checking SigV4 signatures with the test credentials.
 */
public final class InProcessS3Proxy implements AutoCloseable {
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public InProcessS3Proxy() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "testing", "testing").build();
        proxy.start();
        // start() returns before Jetty has bound; it reports STARTED once listening.
        await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            context.close();
        }
    }
}
