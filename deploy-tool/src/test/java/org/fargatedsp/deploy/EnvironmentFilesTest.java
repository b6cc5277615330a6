package org.fargatedsp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fargatedsp.deploy.command.ToolEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The environment files Jenkins deploys with: one for every environment the Jenkinsfile offers, each valid and
 * rendering the bidder's task definition for its environment, as the pipeline's first deploy-tool step would.
 */
class EnvironmentFilesTest {
    static final Path ENVIRONMENTS = Path.of("environments");
    static final Path REPOSITORY = Path.of("..");
    private static final Pattern CHOICES = Pattern.compile("choice\\(name: 'ENVIRONMENT', choices: \\[([^\\]]*)\\]");

    static List<String> jenkinsEnvironments() throws IOException {
        Matcher choices = CHOICES.matcher(Files.readString(Path.of("Jenkinsfile")));
        assertThat(choices.find()).as("the Jenkinsfile's ENVIRONMENT choice").isTrue();
        return Arrays.stream(choices.group(1).split(",")).map(c -> c.strip().replace("'", "")).toList();
    }

    @Test
    void everyEnvironmentTheJenkinsfileOffersHasItsFile() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(ENVIRONMENTS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).toList();
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(jenkinsEnvironments());
    }

    @ParameterizedTest
    @MethodSource("jenkinsEnvironments")
    void environmentFileNamesWhatACanaryNeeds(String environment) throws IOException {
        Properties keys = new Properties();
        try (Reader in = Files.newBufferedReader(ENVIRONMENTS.resolve(environment + ".properties"))) {
            keys.load(in);
        }

        assertThat(keys.getProperty("ENV")).isEqualTo(environment);
        assertThat(keys.getProperty("CLUSTER")).contains(environment);
        for (String key : List.of("SERVICE", "REGION", "ACCOUNT_ID", "CANARY_COUNT", "BAKE_MS", "METRICS_SOURCE")) {
            assertThat(keys.getProperty(key)).as(key).isNotBlank();
        }
        assertThat(REPOSITORY.resolve(keys.getProperty("TEMPLATE"))).isRegularFile();
    }

    /** The bid check shows whoever reaches the port how every campaign targets and bids: never in production. */
    @Test
    void turnsTheBidCheckOffInProductionAndKeepsItForStaging() throws IOException {
        for (String environment : List.of("production", "staging")) {
            Properties keys = new Properties();
            try (Reader in = Files.newBufferedReader(ENVIRONMENTS.resolve(environment + ".properties"))) {
                keys.load(in);
            }
            assertThat(keys.getProperty("BID_CHECK_ENABLED")).as(environment)
                    .isEqualTo(environment.equals("production") ? "false" : "true");
        }
        assertThat(Files.readString(REPOSITORY.resolve("task-definitions/bidder.json")))
                .contains("\"name\": \"BID_CHECK_ENABLED\",\n          \"value\": \"${BID_CHECK_ENABLED}\"");
    }

    @ParameterizedTest
    @MethodSource("jenkinsEnvironments")
    void environmentFileIsValidAndRendersTheBidderForItsEnvironment(String environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Only what render uses: it reads no credentials and calls neither AWS nor Datadog.
        ToolEnvironment tool = new ToolEnvironment(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), d -> { }, null, null,
                new Interrupts(Thread.currentThread(), System.err, Duration.ofSeconds(1)));
        // Jenkins runs from the repository's root, where TEMPLATE points; tests run in deploy-tool/.
        int code = DeployTool.run(new String[] {"render", "--config", ENVIRONMENTS.resolve(environment + ".properties")
                .toString(), "--set", "TEMPLATE=../task-definitions/bidder.json",
                "--image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-dsp-bidder:1.2.3",
                "--version", "1.2.3"}, tool);

        String rendered = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(rendered).contains("\"family\" : \"fargate-dsp-bidder-" + environment + "\"",
                "fargate-dsp-bidder:1.2.3", "fargate-dsp-" + environment + "-bid-logs",
                "secret:fargate-dsp/" + environment + "/datadog-api-key");
        for (String key : List.of("signing_key", "signing_key_previous", "price_keys")) {
            assertThat(rendered).as("the notices' secrets, from Secrets Manager")
                    .contains("secret:fargate-dsp/" + environment + "/notice-keys:" + key + "::");
        }
        assertThat(rendered).doesNotContain("${");
    }
}
