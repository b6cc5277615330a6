package org.fargatedsp.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * Settings of the Datadog metrics, read from the environment with Datadog's own variable names
 * (unified service tagging: {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION}). Without {@code DD_API_KEY}
 * metrics are off. Each program gives {@code DD_SERVICE} its own default ({@link #service(String)}); the other keys
 * are the same for all.
 *
 * @param apiKey the Datadog API key, or null to turn metrics off
 * @param uri the intake base URI: {@code DD_URL} if set, else {@code https://api.<DD_SITE>}
 * @param env the {@code env} tag, or null for none
 * @param service the {@code service} tag
 * @param version the {@code version} tag: the image tag of the running program
 * @param stepMs how often metrics are sent, and the interval each value covers
 */
public record MetricsConfig(String apiKey, String uri, String env, String service, String version, long stepMs) {
    public static final Key<String> API_KEY = Key.string("DD_API_KEY").secret()
            .doc("Datadog API key; without it metrics are off (one log line says so).");
    public static final Key<String> SITE = Key.string("DD_SITE", "[A-Za-z0-9.-]+",
            "must be a Datadog site host name such as datadoghq.eu").byDefault("datadoghq.com")
            .doc("Datadog site; the intake is `https://api.$DD_SITE`.");
    public static final Key<URI> URL = Key.baseUri("DD_URL").documentedDefault("from `DD_SITE`")
            .doc("Full intake base URL, overriding the site (a proxy, a test's fake intake).");
    public static final Key<String> ENV = Key.string("DD_ENV")
            .doc("Datadog's unified service tag `env`.");
    public static final Key<String> VERSION = Key.string("DD_VERSION").byDefault("dev")
            .doc("Datadog's unified service tag `version`: the image tag, which the bidder also writes in every bid-log"
                    + " line.");
    public static final Key<Duration> STEP_MS = Key.duration("DD_STEP_MS", Duration.ofMillis(100),
            Duration.ofHours(1)).byDefault(Duration.ofSeconds(10)).doc("How often metrics are sent.");
    /** Read by {@link EcsMetadataReader}, which falls back to local tags without it. */
    public static final Key<String> ECS_CONTAINER_METADATA_URI_V4 = Key.string(EcsMetadataReader.METADATA_URI_V4)
            .documentedDefault("set by ECS")
            .doc("Read once at start (at most one second) for the task tags of every meter.");

    /** {@code DD_SERVICE}, defaulting to the program's own name ({@code fargate-dsp-bidder}, say). */
    public static Key<String> service(String defaultName) {
        return Key.string("DD_SERVICE").byDefault(defaultName).doc("Datadog's unified service tag `service`.");
    }

    /** Every metrics key, in the order of the README's tables, with the program's {@code DD_SERVICE}. */
    public static List<Key<?>> keys(Key<String> service) {
        return List.of(API_KEY, SITE, URL, ENV, service, VERSION, STEP_MS, ECS_CONTAINER_METADATA_URI_V4);
    }

    /**
     * The settings {@code r} reads, {@code service} being the program's {@code DD_SERVICE}; a bad value is one more
     * of its problems, and the default stands in for it.
     */
    public static MetricsConfig read(ConfigReader r, Key<String> service) {
        String site = r.get(SITE);
        URI url = r.get(URL);
        String uri = url == null ? "https://api." + site : withoutTrailingSlash(url.toString());
        return new MetricsConfig(r.get(API_KEY), uri, r.get(ENV), r.get(service), r.get(VERSION),
                r.get(STEP_MS).toMillis());
    }

    /** The settings in {@code env}; appends one message per bad value to {@code errors} and uses the default. */
    public static MetricsConfig fromEnv(Map<String, String> env, Key<String> service, List<String> errors) {
        ConfigReader r = new ConfigReader(env);
        MetricsConfig config = read(r, service);
        errors.addAll(r.problems());
        return config;
    }

    /** Whether metrics are sent at all. */
    public boolean enabled() {
        return apiKey != null;
    }

    // The API key is a secret: keep it out of logs and error messages.
    @Override
    public String toString() {
        return "MetricsConfig[apiKey=" + (apiKey == null ? "absent" : "***") + ", uri=" + uri + ", env=" + env
                + ", service=" + service + ", version=" + version + ", stepMs=" + stepMs + "]";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
