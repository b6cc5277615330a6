package org.fargatedsp.loadtest.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fargatedsp.loadtest.json.Json;

/**
 * Reads a corpus of OpenRTB bid requests: every {@code *.json} file under a directory, at any depth.
 *
 * <p>The OpenRTB version of a file is the name of its nearest directory that looks like one
 * ({@code 2.5/}, {@code 2.6/}), else {@value #DEFAULT_VERSION}. Weights come from an optional
 * {@value #WEIGHTS_FILE} in the corpus directory mapping a file's relative path to a whole number
 * ({@code 2.6/mobile.json=3}); files it does not name weigh 1, and 0 leaves a file out.
 */
public final class CorpusLoader {
    /** The name of the optional weights file in a corpus directory. */
    public static final String WEIGHTS_FILE = "weights.properties";
    /** Version sent for files with no version directory above them. */
    public static final String DEFAULT_VERSION = "2.5";
    /** Where the IAB example requests are on the classpath: the {@code openrtb-examples} module, shaded into the jar. */
    static final String BUILT_IN_RESOURCE = "/openrtb/examples/requests";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    private CorpusLoader() {}

    /** The IAB OpenRTB 2.5 and 2.6 example requests packed into the jar at build time. */
    public static List<CorpusDocument> builtIn() {
        URL url = CorpusLoader.class.getResource(BUILT_IN_RESOURCE);
        if (url == null) {
            throw new CorpusException("the built-in corpus (openrtb-examples) is missing from the classpath; rebuild loadtest or pass --corpus DIR");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return directory(Path.of(uri));
            }
            try (FileSystem jar = openJar(uri)) {
                return directory(jar.provider().getPath(uri));
            }
        } catch (URISyntaxException | IOException e) {
            throw new CorpusException("cannot read the built-in corpus: " + e.getMessage());
        }
    }

    /** Every {@code *.json} file under {@code dir}, weighted by its {@value #WEIGHTS_FILE}. */
    public static List<CorpusDocument> directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CorpusException("corpus directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files = jsonFiles(dir);
        if (files.isEmpty()) {
            throw new CorpusException("corpus directory " + dir + " has no *.json files");
        }
        Properties weights = readWeights(dir);
        Set<String> named = new HashSet<>(weights.stringPropertyNames());
        List<CorpusDocument> documents = new ArrayList<>();
        for (Path file : files) {
            String name = relativeName(dir, file);
            named.remove(name);
            int weight = weightOf(weights, name, dir);
            if (weight > 0) {
                documents.add(new CorpusDocument(name, versionOf(dir, file), readRequest(file, name), weight));
            }
        }
        if (!named.isEmpty()) {
            throw new CorpusException(WEIGHTS_FILE + " in " + dir + " names files that are not in the corpus: "
                    + String.join(", ", named.stream().sorted().toList()));
        }
        if (documents.isEmpty()) {
            throw new CorpusException("every file in corpus directory " + dir + " has weight 0");
        }
        return documents;
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Another caller has the jar open; reopen a private one on the jar file itself.
            String spec = uri.getSchemeSpecificPart();
            Path jarFile = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
            return FileSystems.newFileSystem(jarFile);
        }
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CorpusException("cannot list corpus directory " + dir + ": " + e.getMessage());
        }
    }

    private static Properties readWeights(Path dir) {
        Properties weights = new Properties();
        Path file = dir.resolve(WEIGHTS_FILE);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                weights.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new CorpusException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return weights;
    }

    private static int weightOf(Properties weights, String name, Path dir) {
        String value = weights.getProperty(name);
        if (value == null) {
            return 1;
        }
        try {
            int weight = Integer.parseInt(value.trim());
            if (weight >= 0) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // Reported below with the file and the value.
        }
        throw new CorpusException(WEIGHTS_FILE + " in " + dir + ": weight of " + name
                + " must be a whole number >= 0, got '" + value + "'");
    }

    private static ObjectNode readRequest(Path file, String name) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new CorpusException("corpus file " + name + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new CorpusException("cannot read corpus file " + name + ": " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CorpusException("corpus file " + name + " is not a JSON object (an OpenRTB BidRequest)");
        }
        if (!object.path("imp").isArray() || object.path("imp").isEmpty()) {
            throw new CorpusException("corpus file " + name + " has no imp array; an OpenRTB BidRequest needs at least one imp");
        }
        return object;
    }

    private static String relativeName(Path dir, Path file) {
        return dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/");
    }

    private static String versionOf(Path dir, Path file) {
        for (Path parent = file.getParent(); parent != null && parent.startsWith(dir); parent = parent.getParent()) {
            Path last = parent.getFileName();
            if (last != null && VERSION.matcher(last.toString().replace("/", "")).matches()) {
                return last.toString().replace("/", "");
            }
        }
        return DEFAULT_VERSION;
    }
}
