package org.fargatedsp.deploy.taskdef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.deploy.Json;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Renders {@code task-definitions/*.json}: replaces {@code ${NAME}} placeholders and reads the result as a
 * RegisterTaskDefinition request, whose JSON field names are those of the ECS API.
 */
public final class TemplateRenderer {
    /** The tag that records which bidder version a revision runs. */
    public static final String VERSION_TAG = "version";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** Strict, unlike the shared mapper: a misspelt field in a template is an error, never silently dropped. */
    private static final ObjectReader STRICT = Json.MAPPER
            .readerFor(RegisterTaskDefinitionRequest.serializableBuilderClass())
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TemplateRenderer() {
    }

    /** Reads the template, fills it in and tags the result with the version. */
    public static RegisterTaskDefinitionRequest render(Path template, Map<String, String> variables, String version) {
        String text = read(template);
        String json = substitute(text, variables, template.toString());
        RegisterTaskDefinitionRequest request = parse(json, template.toString());
        List<Tag> tags = new ArrayList<>(request.tags().stream()
                .filter(tag -> !tag.key().equals(VERSION_TAG)).toList());
        tags.add(Tag.builder().key(VERSION_TAG).value(version).build());
        request = request.toBuilder().tags(tags).build();
        List<String> problems = new ArrayList<>();
        if (request.family() == null) {
            problems.add("template " + template + " has no family");
        }
        if (request.containerDefinitions().isEmpty()) {
            problems.add("template " + template + " has no containerDefinitions");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return request;
    }

    /** Replaces every placeholder; values are JSON-escaped, since placeholders stand inside JSON strings. */
    static String substitute(String text, Map<String, String> variables, String source) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                matcher.appendReplacement(out, "");
            } else {
                String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value));
                matcher.appendReplacement(out, Matcher.quoteReplacement(escaped));
            }
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new ConfigException(missing.stream()
                    .map(name -> "template " + source + " uses ${" + name + "}, which is not set (set " + name
                            + " or VAR_" + name + ")")
                    .toList());
        }
        return out.toString();
    }

    static RegisterTaskDefinitionRequest parse(String json, String source) {
        try {
            RegisterTaskDefinitionRequest.Builder builder = STRICT.readValue(json);
            return builder.build();
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(List.of("template " + source + ": unknown field \"" + e.getPropertyName()
                    + "\" at " + e.getPathReference()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of("template " + source + " is not a valid task definition: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    private static String read(Path template) {
        try {
            return Files.readString(template, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("template " + template + " does not exist"));
        } catch (IOException e) {
            throw new ConfigException(List.of("template " + template + " cannot be read: " + e.getMessage()));
        }
    }
}
