package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fargatedsp.deploy.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What escapes a command: an exit code, one line on stderr, and with --json an error object on stdout. */
class CommandErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"status", "diff", "canary --dry-run", "promote --dry-run", "abort --dry-run",
            "rollback --dry-run"})
    void missingServiceIsAnErrorOfOneLine(String line) throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.put("DEPLOY_SERVICE", "nope");
            Scenario.Result result = s.run(line.split(" "));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().lines().toList()).singleElement().asString()
                    .startsWith("error: service nope in cluster dsp-test");
            assertThat(result.out()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "diff", "canary --dry-run", "promote --dry-run", "abort --dry-run",
            "rollback --dry-run"})
    void missingServiceWithJsonWritesAnErrorObject(String line) throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.put("DEPLOY_SERVICE", "nope");
            Scenario.Result result = s.run(with(line, "--json"));

            assertThat(result.exitCode()).isEqualTo(2);
            JsonNode error = Json.MAPPER.readTree(result.out());
            assertThat(error.path("command").asText()).isEqualTo(line.split(" ")[0]);
            assertThat(error.path("result").asText()).isEqualTo("error");
            assertThat(error.path("exitCode").asInt()).isEqualTo(2);
            assertThat(error.path("message").asText()).startsWith("service nope in cluster dsp-test");
            assertThat(result.err()).startsWith("error: " + error.path("message").asText());
        }
    }

    @Test
    void configurationProblemsWithJsonAreListedInTheErrorObject() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            s.env.put("DEPLOY_CANARY_COUNT", "zero");
            Scenario.Result result = s.run("canary", "--json");

            assertThat(result.exitCode()).isEqualTo(3);
            JsonNode error = Json.MAPPER.readTree(result.out());
            assertThat(error.path("result").asText()).isEqualTo("usage");
            assertThat(error.path("exitCode").asInt()).isEqualTo(3);
            List<String> problems = new ArrayList<>();
            error.path("problems").forEach(p -> problems.add(p.asText()));
            assertThat(problems).hasSize(1).allMatch(p -> p.startsWith("CANARY_COUNT=zero: not a whole number"));
            assertThat(result.err()).contains("configuration error: CANARY_COUNT=zero: not a whole number");
            assertThat(s.aws.calls()).isEmpty();
        }
    }

    @Test
    void unknownOptionWithJsonIsBadUsageInTheErrorObject() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("canary", "--json", "--bogus");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(Json.MAPPER.readTree(result.out()).path("result").asText()).isEqualTo("usage");
            assertThat(result.err()).startsWith("usage error: Unknown option: '--bogus'");
        }
    }

    @Test
    void promoteDryRunWithoutAHeldCanaryFailsAsTheRealRunWould() throws Exception {
        try (Scenario s = Scenario.sharedTargetGroup()) {
            Scenario.Result result = s.run("promote", "--dry-run");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("error: no running canary of service bidder to promote (run canary"
                    + " --hold first)" + System.lineSeparator());
            assertThat(result.out()).doesNotContain("would call");
        }
    }

    private static String[] with(String line, String flag) {
        return (line + " " + flag).split(" ");
    }
}
