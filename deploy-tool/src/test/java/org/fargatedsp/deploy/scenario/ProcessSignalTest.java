package org.fargatedsp.deploy.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process, sent SIGTERM (what a Jenkins abort does) during the bake: its shutdown hook has the run clean
 * up before the JVM exits with code 2. The tool sleeps for real here; the simulator's clock ticks per request.
 */
class ProcessSignalTest {

    private static String read(File file) {
        try {
            return file.exists() ? Files.readString(file.toPath()) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void sigtermDuringTheBakeCleansUpBeforeTheProcessExits(@TempDir Path dir) throws Exception {
        try (Scenario s = Scenario.dedicatedTargetGroup()) {
            s.clock.tickPerRequest(Duration.ofSeconds(5));
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                    "org.fargatedsp.deploy.DeployTool", "canary", "--json");
            builder.environment().putAll(s.env);
            builder.environment().putAll(java.util.Map.of("DEPLOY_POLL_INTERVAL_MS", "20",
                    "DEPLOY_MAX_POLL_INTERVAL_MS", "100", "DEPLOY_BAKE_MS", "600000",
                    "AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "secret",
                    "AWS_EC2_METADATA_DISABLED", "true"));
            File out = dir.resolve("out.json").toFile();
            File err = dir.resolve("err.txt").toFile();
            Process process = builder.redirectOutput(out).redirectError(err).start();
            try {
                // The rule is weighted just before the bake starts; the tool's stderr explains a run that never got there.
                await("the canary to take traffic").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(s.aws.calls()).as(() -> read(err)).contains("elasticloadbalancing:ModifyRule"));

                process.destroy();

                boolean exited = process.waitFor(60, TimeUnit.SECONDS);
                assertThat(exited).as(() -> read(err)).isTrue();
                String stderr = Files.readString(err.toPath());
                assertThat(process.exitValue()).as(stderr).isEqualTo(2);
                assertThat(stderr).contains("interrupted, cleaning up", "canary tasks stopped");
                assertThat(Files.readString(out.toPath())).contains("\"message\" : \"interrupted\"");
                assertThat(s.liveCanaryTasks()).isEmpty();
                assertThat(s.targetIps(s.canaryGroup)).isEmpty();
                assertThat(s.ruleWeights().get(s.canaryGroup)).isZero();
                assertThat(s.primaryRevision()).isEqualTo(s.baselineRevision);
                assertThat(s.revisionStatus(s.revision(3))).isEqualTo("INACTIVE");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
