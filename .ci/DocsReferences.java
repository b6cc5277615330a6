import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every file, Java type and environment variable that README.md and docs/*.md name exists in the
 * repository, so that the docs cannot silently drift from the code. Run by the root pom in the verify phase
 * ({@code java .ci/DocsReferences.java [root]}); exits 1 listing every dangling reference.
 *
 * <ul>
 *   <li>Files: relative markdown links, and backticked paths under a top-level directory of the repository.
 *   <li>Types: backticked names such as {@code SampledLogger}, {@code BidLogReader.read} or
 *       {@code org.fargatedsp.bidder.auction.NoBidReason}: declared in the repository's Java sources (in that
 *       package when one is given), or named in {@link #EXTERNAL_TYPES} as another project's.
 *   <li>Variables: backticked upper-case names with an underscore, and the first column of configuration tables:
 *       each must occur, as a whole word, in a file that is not documentation (code, scripts, task definitions).
 * </ul>
 */
public final class DocsReferences {
    /** Top-level entries a backticked path may start with. */
    private static final List<String> ROOTS = List.of("bidder/", "sidecars/", "deploy-tool/", "loadtest/",
            "task-definitions/", "docs/", ".ci/", ".mvn/");

    /** Types of other projects and specifications that the docs name: the AWS APIs, Netty, the JDK, OpenRTB. */
    private static final Set<String> EXTERNAL_TYPES = Set.of(
            // AWS API operations, shapes and fields (ECS, ELBv2, CloudWatch, Firehose, SDK).
            "AbortIncompleteMultipartUpload", "ProcessingConfiguration", "RecordDeAggregation", "SubRecordType",
            "RunTask", "UpdateService", "DescribeTasks", "DescribeServices", "RegisterTaskDefinition",
            "RegisterTaskDefinitionRequest", "StopTask", "ListTasks", "DeregisterTaskDefinition", "TaskARN",
            "RequestCount", "TargetResponseTime", "TargetGroup", "LoadBalancer", "LaunchType", "AvailabilityZone",
            "Cluster", "Family", "Revision", "PutRecordBatch", "FailedPutCount", "ErrorCode", "GetMetricData",
            "RegisterTargets", "DeregisterTargets", "DescribeTargetHealth", "ModifyRule", "ExecuteCommand",
            "UpdateItem", "PutItem", "GetItem", "Query", "Scan", "BatchWriteItem",
            // Netty, the JDK, JCTools, logback, picocli.
            "HttpObjectAggregator", "HttpServerCodec", "HttpContentCompressor", "HttpServerKeepAliveHandler",
            "IdleStateHandler", "EmbeddedChannel", "ResourceLeakDetector", "ChannelInitializer",
            "HttpObjectEncoder", "MpscArrayQueue", "ArrayBlockingQueue", "AsyncAppender", "ObjectMapper",
            "IDefaultValueProvider", "FileChannel", "Thread", "System", "Runtime",
            // OpenRTB objects and HTTP header names.
            "BidRequest", "BidResponse", "SeatBid", "Bid", "Imp", "Banner", "Video", "Audio", "Native", "Deal",
            "Pmp", "Site", "App", "Device", "Geo", "User", "Regs", "Source", "Format", "Expect", "Allow", "Host",
            // Files without a directory.
            "Dockerfile", "Jenkinsfile", "README", "BENCHMARKS");

    /** Upper-case words that docs write in backticks but that are not ours: placeholders, Jazzer's variables. */
    private static final Set<String> NOT_VARIABLES = Set.of("VAR_NAME", "JAZZER_FUZZ",
            "JAZZER_INSTRUMENTATION_INCLUDES", "JAZZER_MAX_DURATION");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern TYPE = Pattern.compile(
            "((?:[a-z][a-z0-9]*\\.)+)?([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\(\\))?");
    private static final Pattern VARIABLE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern TABLE_VARIABLE = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`");
    /** In Java code blocks, the types that a snippet constructs or names by class literal. */
    private static final Pattern SNIPPET_TYPE = Pattern.compile("\\bnew ([A-Z][A-Za-z0-9]*)\\(|\\b([A-Z][A-Za-z0-9]*)\\.class\\b");
    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(?:class|record|enum|interface|@interface)\\s+([A-Z][A-Za-z0-9]*)");

    private final Path root;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> declaredTypes = new HashSet<>();
    private final Set<String> typePaths = new HashSet<>();
    private final StringBuilder code = new StringBuilder();
    private final List<String> ignoredPaths = new ArrayList<>();

    private DocsReferences(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        DocsReferences check = new DocsReferences(root);
        check.indexSources();
        check.readGitignore();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            check.checkDocument(doc);
        }
        if (!check.problems.isEmpty()) {
            System.err.println("docs name things that do not exist (" + check.problems.size() + "):");
            check.problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        System.out.println("docs references: " + docs.size() + " documents checked, every reference exists");
    }

    private void indexSources() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !isIgnored(root.relativize(p)))
                    .forEach(this::index);
        }
    }

    /** Paths that .gitignore names are made by builds and tools, so docs may name them before they exist. */
    private void readGitignore() {
        Path gitignore = root.resolve(".gitignore");
        if (Files.exists(gitignore)) {
            for (String line : read(gitignore).split("\n")) {
                String entry = line.trim();
                if (!entry.isEmpty() && !entry.startsWith("#") && !entry.contains("*")) {
                    ignoredPaths.add(entry.endsWith("/") ? entry : entry + "/");
                }
            }
        }
    }

    private static boolean isIgnored(Path relative) {
        String s = relative.toString().replace('\\', '/');
        return s.startsWith(".git/") || s.contains("/target/") || s.startsWith("target/") || s.endsWith(".md")
                || s.contains("/node_modules/") || s.startsWith("logs/") || s.startsWith(".ci/DocsReferences");
    }

    private void index(Path file) {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".java") || name.endsWith(".sh") || name.endsWith(".json") || name.endsWith(".xml")
                || name.endsWith(".properties") || name.endsWith(".yaml") || name.endsWith(".yml")
                || name.equals("Jenkinsfile") || name.equals("Dockerfile") || name.equals("run")
                || name.equals("maven.config"))) {
            return;
        }
        String text = read(file);
        code.append(text).append('\n');
        if (name.endsWith(".java")) {
            String path = root.relativize(file).toString().replace('\\', '/');
            typePaths.add(path.substring(0, path.length() - ".java".length()));
            Matcher m = DECLARATION.matcher(text);
            while (m.find()) {
                declaredTypes.add(m.group(1));
            }
        }
    }

    private void checkDocument(Path doc) {
        String rel = root.relativize(doc).toString();
        String text = read(doc);
        Set<String> variables = new TreeSet<>();
        String[] lines = text.split("\n", -1);
        boolean fenced = false;
        boolean java = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = rel + ":" + (i + 1);
            if (line.startsWith("```")) {
                fenced = !fenced;
                java = fenced && line.startsWith("```java");
                continue;
            }
            if (fenced) {
                if (java) {
                    checkSnippet(where, line);
                }
                continue;
            }
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                checkLink(doc, where, link.group(1));
            }
            Matcher table = TABLE_VARIABLE.matcher(line);
            if (table.find()) {
                variables.add(table.group(1) + "\u0000" + where);
            }
            Matcher span = CODE.matcher(line);
            while (span.find()) {
                String token = span.group(1).trim();
                checkPath(where, token);
                checkType(where, token);
                Matcher v = VARIABLE.matcher(token);
                while (v.find()) {
                    variables.add(v.group() + "\u0000" + where);
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (String entry : variables) {
            String name = entry.substring(0, entry.indexOf('\u0000'));
            String where = entry.substring(entry.indexOf('\u0000') + 1);
            if (!NOT_VARIABLES.contains(name) && !occursInCode(name) && reported.add(name)) {
                problems.add(where + ": variable " + name + " appears in no code, script or task definition");
            }
        }
    }

    private void checkSnippet(String where, String line) {
        Matcher m = SNIPPET_TYPE.matcher(line);
        while (m.find()) {
            checkType(where, m.group(1) != null ? m.group(1) : m.group(2));
        }
    }

    private void checkLink(Path doc, String where, String target) {
        if (target.contains("://") || target.startsWith("mailto:") || target.startsWith("#")) {
            return;
        }
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        if (!Files.exists(doc.getParent().resolve(path).normalize())) {
            problems.add(where + ": link to " + target + ", which does not exist");
        }
    }

    private void checkPath(String where, String token) {
        String path = token.replaceAll("[.,;:)]+$", "");
        boolean underRoot = ROOTS.stream().anyMatch(path::startsWith);
        if (!underRoot || path.contains(" ") || path.contains("...") || path.matches(".*[$<>{}*\\[\\]|?=].*")) {
            return;
        }
        if (ignoredPaths.stream().anyMatch(ignored -> (path + "/").contains("/" + ignored)
                || (path + "/").startsWith(ignored))) {
            return;
        }
        if (!Files.exists(root.resolve(path))) {
            problems.add(where + ": path " + path + " does not exist");
        }
    }

    private void checkType(String where, String token) {
        Matcher m = TYPE.matcher(token);
        if (!m.matches()) {
            return;
        }
        String pkg = m.group(1);
        String type = m.group(2);
        if (pkg != null) {
            if (!pkg.startsWith("org.fargatedsp.")) {
                return;
            }
            String suffix = (pkg + type).replace('.', '/');
            if (typePaths.stream().noneMatch(p -> p.endsWith(suffix))) {
                problems.add(where + ": type " + pkg + type + " is not in the repository's sources");
            }
            return;
        }
        if (!declaredTypes.contains(type) && !EXTERNAL_TYPES.contains(type)) {
            problems.add(where + ": type " + type + " is declared nowhere in the repository's sources"
                    + " (another project's? add it to EXTERNAL_TYPES in .ci/DocsReferences.java)");
        }
    }

    private boolean occursInCode(String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(code).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
