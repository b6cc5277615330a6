package org.fargatedsp.bidder.metrics;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.config.EnvParser;

/**
 * Settings of the Datadog metrics, read from the environment with Datadog's own variable names
 * (unified service tagging: {@code DD_ENV}, {@code DD_SERVICE}, {@code DD_VERSION}). Without {@code DD_API_KEY}
 * metrics are off.
 *
 * @param apiKey the Datadog API key, or null to turn metrics off
 * @param uri the intake base URI: {@code DD_URL} if set, else {@code https://api.<DD_SITE>}
 * @param env the {@code env} tag, or null for none
 * @param service the {@code service} tag
 * @param version the {@code version} tag: the image tag of the running bidder
 * @param stepMs how often metrics are sent, and the interval each value covers
 */
public record MetricsConfig(String apiKey, String uri, String env, String service, String version, long stepMs) {
    public static final String API_KEY = "DD_API_KEY";
    public static final String SITE = "DD_SITE";
    public static final String URL = "DD_URL";
    public static final String ENV = "DD_ENV";
    public static final String SERVICE = "DD_SERVICE";
    public static final String VERSION = "DD_VERSION";
    public static final String STEP_MS = "DD_STEP_MS";

    static final String DEFAULT_SITE = "datadoghq.com";
    static final String DEFAULT_SERVICE = "fargate-dsp-bidder";
    static final String DEFAULT_VERSION = "dev";
    static final long DEFAULT_STEP_MS = 10_000;

    /** The settings in {@code env}; appends one message per bad value to {@code errors} and uses the default. */
    public static MetricsConfig fromEnv(Map<String, String> env, List<String> errors) {
        EnvParser p = new EnvParser(env, errors);
        String apiKey = p.string(API_KEY, null);
        String site = p.string(SITE, DEFAULT_SITE);
        if (!site.matches("[A-Za-z0-9.-]+")) {
            errors.add(SITE + "=" + site + " is not a Datadog site host name such as datadoghq.eu");
            site = DEFAULT_SITE;
        }
        String uri = "https://api." + site;
        String url = p.string(URL, null);
        if (url != null) {
            if (validBaseUri(url)) {
                uri = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            } else {
                errors.add(URL + "=" + url + " is not an absolute http or https URI");
            }
        }
        long stepMs = p.longValue(STEP_MS, DEFAULT_STEP_MS, 100, 3_600_000);
        return new MetricsConfig(apiKey, uri, p.string(ENV, null), p.string(SERVICE, DEFAULT_SERVICE),
                p.string(VERSION, DEFAULT_VERSION), stepMs);
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

    private static boolean validBaseUri(String value) {
        try {
            URI u = new URI(value);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getQuery() == null && u.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
