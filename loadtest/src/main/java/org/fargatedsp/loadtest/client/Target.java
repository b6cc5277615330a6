package org.fargatedsp.loadtest.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the load goes: an {@code http://host:port/path} URL, taken apart once.
 *
 * @param hostHeader the value of the HTTP {@code Host} header (RFC 9112 section 3.2)
 */
public record Target(String url, String host, int port, String path, String hostHeader) {
    /** Parses {@code url}; throws {@link IllegalArgumentException} with a message naming it when it is unusable. */
    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + url + "' must be an http:// URL (TLS is not supported)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' has no host");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path = path + "?" + uri.getRawQuery();
        }
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Target(url.trim(), bareHost, port, path, host + ":" + port);
    }
}
