package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bidder as ECS runs it: a separate JVM, configured by environment variables, stopped with a real SIGTERM.
 * It must flip health to 503, keep answering bids through the drain period, and exit on its own.
 */
class BidderProcessTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void drainsAndExitsOnSigterm(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("port");
        Path log = dir.resolve("stdout.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BidderMain.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1",
                "PORT_FILE", portFile.toString(), "DRAIN_MS", "3000", "SHED_LAG_MS", "0", "IO_THREADS", "1",
                "BID_LOG_DIR", dir.resolve("bids").toString(), "WARMUP_REQUESTS", "300"));
        builder.environment().put("WARMUP_MAX_MS", "3000");
        Process process = builder.start();
        try {
            int port = awaitPort(portFile, process);
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);

            process.destroy();

            awaitHealth(port, 503, process);
            HttpResponse<String> duringDrain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/openrtb2/bid")).POST(HttpRequest.BodyPublishers.ofByteArray(
                            OpenRtbExamples.request("2.6/simple-banner.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(duringDrain.statusCode()).isEqualTo(200);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself after the drain").isTrue();
            // 143 is the JVM's exit status after a SIGTERM it handled with its shutdown hooks.
            assertThat(process.exitValue()).isIn(0, 143);
            String output = Files.readString(log);
            assertThat(output).contains("\"message\":\"draining\"").contains("\"message\":\"bidder stopped\"")
                    .contains("\"message\":\"warm-up done\"");
            // Both bids reached a published bid-log file before the process ended.
            assertThat(org.fargatedsp.bidlog.BidLogFileNames.listReady(dir.resolve("bids"))).isNotEmpty();
            long logged = 0;
            for (Path file : org.fargatedsp.bidlog.BidLogFileNames.listReady(dir.resolve("bids"))) {
                logged += org.fargatedsp.bidlog.BidLogReader.readAll(file).size();
            }
            assertThat(logged).isEqualTo(1);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void exitsWithEveryConfigurationProblemListed(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("stdout.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BidderMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of("PORT", "99999", "CURRENCY", "usd"));
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("PORT=99999").contains("CURRENCY=usd").doesNotContain("\tat ");
    }

    private int awaitPort(Path portFile, Process process) throws IOException {
        await("the bidder wrote its port").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .failFast("the bidder exited", () -> !process.isAlive())
                .until(() -> Files.exists(portFile));
        return Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
    }

    private void awaitHealth(int port, int status, Process process) {
        await("health turned " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .failFast("the bidder exited", () -> !process.isAlive())
                .until(() -> get(port, "/health").statusCode() == status);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
