package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fargatedsp.deploy.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every mutating command, in each state where it changes something: the dry run's "would call" list is
 * exactly the mutating calls the real run then makes against the simulator, in order and in number (batches,
 * one StopTask per task, clean-up included). A call mutates unless its action reads (Describe*, List*, Get*).
 */
class DryRunMatchesRealRunTest {

    /** Brings the simulated account into the state the command starts from. */
    @FunctionalInterface
    interface Given {
        void prepare(Scenario s) throws Exception;
    }

    /**
     * One row: whether the canary has a target group of its own, the state before, the command line, and whether
     * the real run changes anything (all rows but one do, so an empty plan cannot pass for a right one).
     */
    record Case(boolean dedicated, Given given, boolean changes, String... command) {
        Case(boolean dedicated, Given given, String... command) {
            this(dedicated, given, true, command);
        }

        Case changingNothing() {
            return new Case(dedicated, given, false, command);
        }
    }

    static Stream<Arguments> cases() {
        Given nothing = s -> { };
        Given held = s -> assertThat(s.run("canary", "--hold").exitCode()).isZero();
        return Stream.of(
                row("canary, sharing the service's target group", new Case(false, nothing, "canary")),
                row("canary in its own group behind a weighted rule", new Case(true, nothing, "canary")),
                row("canary --hold", new Case(true, nothing, "canary", "--hold")),
                row("canary of 25 tasks: RunTask in tens, targets in twenties", new Case(false,
                        s -> s.env.put("DEPLOY_CANARY_COUNT", "25"), "canary")),
                row("canary after a killed run, whose leftovers go first", new Case(true,
                        DryRunMatchesRealRunTest::killedDuringTheBake, "canary")),
                row("promote a held canary in its own group", new Case(true, held, "promote")),
                row("promote a held canary sharing the service's group", new Case(false, held, "promote")),
                row("abort a held canary", new Case(false, held, "abort")),
                row("abort what a killed run left", new Case(true, DryRunMatchesRealRunTest::killedDuringTheBake,
                        "abort")),
                row("abort with no canary: nothing planned, nothing changed", new Case(false, nothing, "abort")
                        .changingNothing()),
                row("rollback to the previous revision", new Case(false,
                        s -> assertThat(s.run("canary").exitCode()).isZero(), "rollback")),
                row("rollback to a named revision", new Case(false, nothing, "rollback", "--to", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dryRunListsExactlyTheMutatingCallsTheRealRunMakes(String name, Case c) throws Exception {
        try (Scenario s = c.dedicated() ? Scenario.dedicatedTargetGroup() : Scenario.sharedTargetGroup()) {
            c.given().prepare(s);
            Scenario.Result dry = s.run(with(c.command(), "--dry-run"));
            Scenario.Result dryJson = s.run(with(c.command(), "--dry-run", "--json"));
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dryJson.exitCode()).as(dryJson.err()).isZero();
            List<String> lines = wouldCall(dry.out());
            assertThat(calls(dryJson.out())).as("--json lists the same calls").isEqualTo(lines);

            int before = s.aws.calls().size();
            Scenario.Result real = s.run(c.command());
            assertThat(real.exitCode()).as(real.err()).isZero();
            List<String> made = s.aws.calls().subList(before, s.aws.calls().size()).stream()
                    .filter(DryRunMatchesRealRunTest::mutates).toList();

            assertThat(made.isEmpty()).as("the real run changes nothing: %s", made).isEqualTo(!c.changes());
            assertThat(lines.stream().map(DryRunMatchesRealRunTest::action).toList())
                    .as("dry run:%n%s", String.join("\n", lines))
                    .isEqualTo(made);
        }
    }

    /** A run killed (as by kill -9) once its canary takes traffic: tasks, targets and rule weight stay behind. */
    static void killedDuringTheBake(Scenario s) {
        String group = s.canaryGroup != null ? s.canaryGroup : s.serviceGroup;
        s.onSleep = d -> {
            if (s.canaryTargetsHealthy(group)) {
                throw new InterruptScenarioTest.Killed();
            }
        };
        assertThatThrownBy(() -> s.run("canary")).isInstanceOf(InterruptScenarioTest.Killed.class);
        s.onSleep = d -> { };
        assertThat(s.liveCanaryTasks()).isNotEmpty();
    }

    private static Arguments row(String name, Case c) {
        return Arguments.of(name, c);
    }

    private static String[] with(String[] command, String... flags) {
        List<String> line = new ArrayList<>(Arrays.asList(command));
        line.addAll(List.of(flags));
        return line.toArray(String[]::new);
    }

    /** The plan as printed: every "would call" line but the one that says there is nothing to do. */
    private static List<String> wouldCall(String out) {
        return out.lines().filter(l -> l.startsWith("would call ") && !l.startsWith("would call nothing"))
                .map(l -> l.substring("would call ".length())).toList();
    }

    private static List<String> calls(String json) throws Exception {
        JsonNode plan = Json.MAPPER.readTree(json);
        assertThat(plan.path("result").asText()).isEqualTo("dry-run");
        List<String> calls = new ArrayList<>();
        plan.path("calls").forEach(call -> calls.add(call.asText()));
        return calls;
    }

    /** "ecs:StopTask cluster=... task=..." is a call of "ecs:StopTask". */
    private static String action(String call) {
        int space = call.indexOf(' ');
        return space < 0 ? call : call.substring(0, space);
    }

    /** AWS names every read Describe*, List* or Get*; anything else changes the account. */
    private static boolean mutates(String call) {
        String action = call.substring(call.indexOf(':') + 1);
        return !action.startsWith("Describe") && !action.startsWith("List") && !action.startsWith("Get");
    }
}
