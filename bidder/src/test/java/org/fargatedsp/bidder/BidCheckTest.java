package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.bidder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code BidCheck} command: the bid check's report on stdout, and its exit codes. */
class BidCheckTest {
    /** Where the README's example points, from the bidder module's directory, where tests run. */
    private static final String SIMPLE_BANNER =
            "../sidecars/openrtb-examples/src/main/resources/openrtb/examples/requests/2.6/simple-banner.json";
    private static final long NOW = 1_800_000_000_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheReportOfARequestFileAgainstTheEmbeddedCampaigns() throws IOException {
        assertThat(run(Map.of(), SIMPLE_BANNER)).isZero();

        JsonNode report = Json.MAPPER.readTree(out.toByteArray());
        assertThat(report.path("imps").get(0).path("campaigns").get(0).path("id").asText())
                .isEqualTo("northwind-cloud-display");
        assertThat(report.path("response").path("seatbid").get(0).path("bid").get(0).path("nurl").asText())
                .startsWith("http://localhost:8080/notice/win?tk=").endsWith("&p=${AUCTION_PRICE}");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void explainsTheCampaignNamedAfterTheFile() throws IOException {
        assertThat(run(Map.of(), SIMPLE_BANNER, "northwind-cloud-premium-geo")).isZero();

        JsonNode campaign = Json.MAPPER.readTree(out.toByteArray()).path("imps").get(0).path("campaigns").get(0);
        assertThat(campaign.path("id").asText()).isEqualTo("northwind-cloud-premium-geo");
        assertThat(campaign.path("creatives").size()).isPositive();
    }

    @Test
    void exitsOneWithTheReportWhenTheBidderWouldRefuseTheRequest(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"id\":\"r\"}");

        assertThat(run(Map.of(), file.toString())).isEqualTo(1);

        JsonNode request = Json.MAPPER.readTree(out.toByteArray()).path("request");
        assertThat(request.path("valid").asBoolean()).isFalse();
        assertThat(request.path("error").asText()).contains("/imp");
    }

    @Test
    void refusesABodyOverMaxBodyBytesAsTheBidderWould(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("big.json"), new byte[2048]);

        assertThat(run(Map.of("MAX_BODY_BYTES", "1024"), file.toString())).isEqualTo(1);

        assertThat(Json.MAPPER.readTree(out.toByteArray()).path("request").path("status").asInt()).isEqualTo(413);
    }

    @Test
    void exitsTwoOnBadConfigurationOrAMissingFile() {
        assertThat(run(Map.of("CURRENCY", "dollars"), SIMPLE_BANNER)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CURRENCY");
        assertThat(run(Map.of(), "no-such-request.json")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void exitsThreeOnBadUsageOrAnUnknownCampaign() {
        assertThat(run(Map.of())).isEqualTo(3);
        assertThat(run(Map.of(), "--help")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(BidCheck.USAGE);
        assertThat(run(Map.of(), SIMPLE_BANNER, "nobody")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no campaign \"nobody\"");
    }

    private int run(Map<String, String> env, String... args) {
        return BidCheck.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), NOW);
    }
}
