package org.fargatedsp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the task's identity from the ECS task metadata endpoint v4 ({@code ${ECS_CONTAINER_METADATA_URI_V4}/task},
 * see the AWS guide "Amazon ECS task metadata endpoint version 4"). Start-up never waits for it longer than the
 * timeout; when the variable is absent, or the endpoint fails or is slow, it logs one line and falls back to the
 * host name and {@code local}.
 */
public final class EcsMetadataReader {
    /** The variable ECS sets in every container (agent 1.39.0+, Fargate platform 1.4.0+). */
    public static final String METADATA_URI_V4 = "ECS_CONTAINER_METADATA_URI_V4";
    /** The bound on what start-up may spend here. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EcsMetadataReader.class);

    private EcsMetadataReader() {}

    /** The task metadata within {@link #DEFAULT_TIMEOUT}, or the local stand-in. */
    public static EcsTaskMetadata read(Map<String, String> env) {
        return read(env, DEFAULT_TIMEOUT);
    }

    /** The task metadata within {@code timeout}, or the local stand-in. */
    public static EcsTaskMetadata read(Map<String, String> env, Duration timeout) {
        String base = env.get(METADATA_URI_V4);
        if (base == null || base.isBlank()) {
            EcsTaskMetadata local = EcsTaskMetadata.local(hostName(env));
            LOG.info("{} is not set: not running in ECS, metrics are tagged with host {}", METADATA_URI_V4,
                    local.host());
            return local;
        }
        try {
            return fetch(URI.create(base.trim() + "/task"), timeout);
        } catch (Exception e) {
            EcsTaskMetadata local = EcsTaskMetadata.local(hostName(env));
            LOG.warn("could not read the ECS task metadata from {}: {}; metrics are tagged with host {}", base,
                    e instanceof TimeoutException || e instanceof HttpTimeoutException
                            ? "no answer within " + timeout.toMillis() + " ms" : e.toString(),
                    local.host());
            return local;
        }
    }

    private static EcsTaskMetadata fetch(URI uri, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r;
        try {
            // One bound for connect, headers and body together.
            r = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            response.cancel(true);
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return parse(Json.MAPPER.readTree(r.body()));
    }

    static EcsTaskMetadata parse(JsonNode task) {
        String taskArn = required(task, "TaskARN");
        String cluster = required(task, "Cluster");
        return new EcsTaskMetadata(afterLastSlash(cluster), taskArn, afterLastSlash(taskArn),
                required(task, "Family"), required(task, "Revision"), optional(task, "AvailabilityZone"),
                optional(task, "LaunchType"), null);
    }

    private static String required(JsonNode task, String field) {
        JsonNode v = task.get(field);
        if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("the task metadata has no " + field);
        }
        return v.asText();
    }

    // Older agents leave these out (AvailabilityZone needs Fargate platform 1.4.0, LaunchType agent 1.45.0).
    private static String optional(JsonNode task, String field) {
        JsonNode v = task.get(field);
        return v == null || !v.isValueNode() || v.asText().isEmpty() ? "unknown" : v.asText();
    }

    /** {@code default} of {@code arn:aws:ecs:us-west-2:111122223333:cluster/default}; a short name stays. */
    private static String afterLastSlash(String arnOrName) {
        return arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
    }

    private static String hostName(Map<String, String> env) {
        String fromEnv = env.get("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
