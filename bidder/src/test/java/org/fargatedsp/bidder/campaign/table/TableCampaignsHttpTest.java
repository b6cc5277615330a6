package org.fargatedsp.bidder.campaign.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.awstesting.MotoExtension;
import org.fargatedsp.awstesting.MotoServer;
import org.fargatedsp.bidder.CampaignReloader;
import org.fargatedsp.bidder.OpenRtbExamples;
import org.fargatedsp.bidder.RunningBidder;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.metrics.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bidder over real HTTP on campaigns in a DynamoDB table in moto, whose process is stopped and started again (the
 * extension starts it again for the next test if a test leaves it stopped):
 * bidding goes on from the last snapshot while the table is unreachable, the age gauge grows on the bidder's
 * clock, the outage is logged once, and the bidder recovers when the table answers; a bidder that starts while
 * the table is unreachable says 503 on {@code /health}, with why, until it answers.
 */
@ExtendWith(MotoExtension.class)
class TableCampaignsHttpTest {
    private static final byte[] SIMPLE_BANNER = OpenRtbExamples.request("2.6/simple-banner.json");
    private static final String TABLE = "campaigns";

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final CapturedLog log = CapturedLog.of(CampaignReloader.class);

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void bidsOnTheLastSnapshotWhileTheTableIsDownItsAgeGrowsAndItRecoversWhenTheTableReturns(MotoServer moto)
            throws IOException {
        try (FakeHttpServer datadog = new FakeHttpServer()) {
            fill(moto);
            Map<String, String> env = env(moto);
            // Metrics on, so that the age gauge is a real one; the step is long, so nothing is sent meanwhile.
            env.putAll(Map.of("DD_API_KEY", "test-key", "DD_URL", datadog.baseUri(), "DD_STEP_MS", "3600000"));
            try (RunningBidder bidder = RunningBidder.start(env, clock::get)) {
                assertThat(bidder.bid(SIMPLE_BANNER, "2.6").statusCode()).isEqualTo(200);

                moto.stop();
                clock.addAndGet(90_000);
                long failed = bidder.bidder().campaigns().reloads(ReloadOutcome.FAILED);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> bidder.bidder().campaigns().reloads(ReloadOutcome.FAILED) >= failed + 2);

                assertThat(bidder.bid(SIMPLE_BANNER, "2.6").statusCode()).as("the last snapshot bids").isEqualTo(200);
                assertThat(age(bidder)).isEqualTo(90.0);
                JsonNode health = health(bidder, 200);
                assertThat(health.at("/campaigns_reload/state").asText()).isEqualTo("unreachable");
                assertThat(health.at("/campaigns_reload/reason").asText())
                        .startsWith("DynamoDB Query on table campaigns failed: ");
                assertThat(lines(Level.WARN)).containsExactly(
                        "campaign source unreachable; the campaigns loaded before keep bidding");

                moto.restart();
                fill(moto);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> health(bidder, 200).at("/campaigns_reload/state").asText().equals("ok"));

                assertThat(age(bidder)).as("read again on the same clock").isZero();
                assertThat(lines(Level.WARN)).as("one outage, one line").hasSize(1);
                assertThat(lines(Level.INFO)).filteredOn(l -> l.contains("reachable"))
                        .containsExactly("campaign source reachable again");
                assertThat(bidder.bid(SIMPLE_BANNER, "2.6").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void saysUnavailableOnHealthWhileTheTableIsUnreachableAtStartAndTurnsReadyWhenItAnswers(MotoServer moto)
            throws Exception {
        moto.stop();
        try (RunningBidder bidder = RunningBidder.starting(env(moto), clock::get)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> bidder.port() > 0
                    && bidder.bidder().campaigns().reloads(ReloadOutcome.FAILED) >= 2);

            JsonNode health = health(bidder, 503);
            assertThat(health.get("status").asText()).isEqualTo("starting");
            assertThat(health.at("/campaigns_reload/state").asText()).isEqualTo("unreachable");
            assertThat(health.at("/campaigns_reload/reason").asText())
                    .startsWith("DynamoDB DescribeTable on table campaigns failed: ");
            assertThat(bidder.bid(SIMPLE_BANNER, "2.6").statusCode()).isEqualTo(503);
            assertThat(lines(Level.WARN)).containsExactly(
                    "campaign source unreachable; not ready until it answers");

            moto.restart();
            fill(moto);
            bidder.started().get(30, TimeUnit.SECONDS);

            assertThat(health(bidder, 200).at("/campaigns_reload/state").asText()).isEqualTo("ok");
            // The first read may have found the table created and not yet filled; the next refresh fills it.
            await().atMost(Duration.ofSeconds(30)).until(() -> health(bidder, 200).get("campaigns").asInt() > 0);
            assertThat(bidder.bid(SIMPLE_BANNER, "2.6").statusCode()).isEqualTo(200);
        }
    }

    /** Creates the table as the import does and puts the embedded campaigns in it. */
    private void fill(MotoServer moto) {
        CampaignTable table = new CampaignTable(moto.dynamoDb(), TABLE);
        table.create();
        CampaignTables.put(table, new FileCampaignSource(null, 0, null).load(), clock.get());
    }

    private static Map<String, String> env(MotoServer moto) {
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("CAMPAIGNS_SOURCE", "dynamodb:" + TABLE);
        env.put("CAMPAIGNS_REFRESH_MS", "100");
        return env;
    }

    private static double age(RunningBidder bidder) {
        return bidder.bidder().metrics().registry().get(BidderMetrics.CAMPAIGNS_AGE).gauge().value();
    }

    private static JsonNode health(RunningBidder bidder, int status) throws IOException {
        HttpResponse<byte[]> response = bidder.get("/health");
        assertThat(response.statusCode()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    private List<String> lines(Level level) {
        return log.events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
