package org.fargatedsp.bidder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The IAB example requests of the {@code openrtb-examples} module, read from the test classpath, where they are a
 * directory or a jar depending on how far the build has got.
 */
public final class OpenRtbExamples {
    private static final String REQUESTS = "/openrtb/examples/requests";

    private OpenRtbExamples() {}

    /** One example request by its name under {@code requests/}, such as {@code 2.6/simple-banner.json}. */
    public static byte[] request(String name) {
        try (InputStream in = OpenRtbExamples.class.getResourceAsStream(REQUESTS + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example request " + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of every example request, sorted: {@code 2.5/expandable-creative.json}, ... */
    public static List<String> requestNames() {
        URL url = OpenRtbExamples.class.getResource(REQUESTS);
        if (url == null) {
            throw new IllegalStateException(REQUESTS + " is not on the classpath; is openrtb-examples a dependency?");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return names(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.provider().getPath(uri));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> dir.relativize(p).toString().replace(dir.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .toList();
        }
    }
}
