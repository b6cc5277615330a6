package org.fargatedsp.bidder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.bidder.aws.AwsConfig;
import org.fargatedsp.bidder.campaign.CampaignLocation;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @Test
    void hasSensibleDefaultsForALocalRun() {
        Config config = Config.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.campaignsSource()).isEqualTo(CampaignLocation.EMBEDDED);
        assertThat(config.campaignsRefreshMs()).isEqualTo(30_000);
        assertThat(config.campaignsFullReloadEvery()).isEqualTo(10);
        assertThat(config.fx().currency()).isEqualTo("USD");
        assertThat(config.noticeBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.eventLoopThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.maxBodyBytes()).isEqualTo(256 * 1024);
        assertThat(config.idleTimeoutMs()).isGreaterThan(60_000);
        assertThat(config.seat()).isEqualTo("fargate-dsp");
    }

    @Test
    void readsEveryValueFromTheEnvironment() {
        Config config = Config.fromEnv(Map.ofEntries(
                Map.entry("PORT", "9090"), Map.entry("IO_THREADS", "3"), Map.entry("TRANSPORT", "nio"),
                Map.entry("NETWORK_MARGIN_MS", "15"), Map.entry("CURRENCY", "EUR"),
                Map.entry("FX_RATES", "USD=0.92, GBP=1.17"), Map.entry("SEAT", "seat-1"),
                Map.entry("NOTICE_BASE_URL", "https://bid.example.com"), Map.entry("DRAIN_MS", "0")));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.eventLoopThreads()).isEqualTo(3);
        assertThat(config.transport()).isEqualTo(Transport.Preference.NIO);
        assertThat(config.networkMarginMs()).isEqualTo(15);
        assertThat(config.fx().convert(1.0, "GBP")).isEqualTo(1.17);
        assertThat(config.seat()).isEqualTo("seat-1");
        assertThat(config.noticeBaseUrl()).isEqualTo("https://bid.example.com");
        assertThat(config.drainMs()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT | 70000 | PORT=70000: must be between 0 and 65535",
        "PORT | http | PORT=http: not a whole number",
        "TRANSPORT | kqueue | TRANSPORT=kqueue: must be auto, epoll or nio",
        "CURRENCY | dollars | CURRENCY=dollars: must be an ISO-4217 code",
        "SEAT | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | must be 1 to 64 characters",
        "FX_RATES | EUR:1.1 | FX_RATES=EUR:1.1: \"EUR:1.1\" is not CODE=RATE",
        "FX_RATES | EUR=-2 | must be a positive number",
        "NOTICE_BASE_URL | bid.example.com | NOTICE_BASE_URL=bid.example.com: must be an absolute http or https URL",
        "CAMPAIGNS_FILE | /no/such/file.json | CAMPAIGNS_FILE=/no/such/file.json: no readable file there",
        "CAMPAIGNS_SOURCE | file:/no/such.json | CAMPAIGNS_SOURCE=file:/no/such.json: no readable file there",
        "CAMPAIGNS_SOURCE | s3://b/c.json | CAMPAIGNS_SOURCE=s3://b/c.json: must be embedded, file:PATH or dynamodb:",
        "CAMPAIGNS_SOURCE | dynamodb:ab | CAMPAIGNS_SOURCE=dynamodb:ab: a DynamoDB table name is 3 to 255",
        "CAMPAIGNS_FULL_RELOAD_EVERY | 0 | CAMPAIGNS_FULL_RELOAD_EVERY=0: must be between 1",
        "CAMPAIGNS_REFRESH_MS | -5 | CAMPAIGNS_REFRESH_MS=-5: must be between 0",
        "AWS_REGION | US-East | AWS_REGION=US-East: must be an AWS region such as us-east-1",
        "AWS_ENDPOINT_URL | localhost:4566 | AWS_ENDPOINT_URL=localhost:4566: must be an absolute http or https URL",
        "AWS_ACCESS_KEY_ID | AKID | AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY",
        "MAX_BODY_BYTES | 10 | MAX_BODY_BYTES=10: must be between",
        "DRAIN_MS | soon | DRAIN_MS=soon: not a whole number",
        "LOG_LEVEL | LOUD | LOG_LEVEL=LOUD: must be TRACE, DEBUG, INFO, WARN, ERROR, OFF or ALL",
        "NETTY_LEAK_DETECTION | loud | NETTY_LEAK_DETECTION=loud: must be disabled, simple, advanced or paranoid",
        "CAMPAIGNS_MAX_DROP_PERCENT | 101 | CAMPAIGNS_MAX_DROP_PERCENT=101: must be between 0 and 100",
        "NOTICE_DEDUPE_MAX_BYTES | 1000 | NOTICE_DEDUPE_MAX_BYTES=1000: must be between 65536"})
    void namesTheVariableAndTheBadValue(String key, String value, String message) {
        assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains(message));
    }

    @Test
    void readsTheCampaignSourceUnderItsNameAndTheFileUnderItsOldOne(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("campaigns.json"), "{\"campaigns\":[]}");

        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_SOURCE", "file:" + file)).campaignsSource())
                .isEqualTo(CampaignLocation.file(file));
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_FILE", file.toString())).campaignsSource())
                .isEqualTo(CampaignLocation.file(file));
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_SOURCE", "file:" + file, "CAMPAIGNS_FILE", file.toString()))
                .campaignsSource()).as("both, agreeing").isEqualTo(CampaignLocation.file(file));
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_SOURCE", "dynamodb:dsp-campaigns")).campaignsSource())
                .isEqualTo(CampaignLocation.table("dsp-campaigns"));
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_SOURCE", "Embedded")).campaignsSource())
                .isEqualTo(CampaignLocation.EMBEDDED);
        assertThatThrownBy(() -> Config.fromEnv(Map.of("CAMPAIGNS_SOURCE", "dynamodb:dsp-campaigns",
                "CAMPAIGNS_FILE", file.toString()))).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("CAMPAIGNS_FILE=" + file
                                + ": is the old name of CAMPAIGNS_SOURCE=file:PATH, which says dynamodb:"
                                + "dsp-campaigns"));
    }

    @Test
    void readsTheRefreshIntervalUnderItsNameAndItsOldOne() {
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_REFRESH_MS", "5000")).campaignsRefreshMs()).isEqualTo(5000);
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_RELOAD_MS", "0")).campaignsRefreshMs()).isZero();
        assertThatThrownBy(() -> Config.fromEnv(Map.of("CAMPAIGNS_REFRESH_MS", "5000", "CAMPAIGNS_RELOAD_MS", "0")))
                .hasMessageContaining("CAMPAIGNS_RELOAD_MS=0: is the old name of CAMPAIGNS_REFRESH_MS, which says"
                        + " 5000");
    }

    @Test
    void generatedCampaignsAddToAFileOrTheEmbeddedSetNotToATable() {
        assertThat(Config.fromEnv(Map.of("SYNTHETIC_CAMPAIGNS", "10")).syntheticCampaigns()).isEqualTo(10);
        assertThatThrownBy(() -> Config.fromEnv(Map.of("SYNTHETIC_CAMPAIGNS", "10",
                "CAMPAIGNS_SOURCE", "dynamodb:dsp-campaigns")))
                .hasMessageContaining("SYNTHETIC_CAMPAIGNS=10: adds to the embedded set or a file, not to"
                        + " CAMPAIGNS_SOURCE=dynamodb:dsp-campaigns");
    }

    @Test
    void readsTheStandardAwsVariablesAndKeepsTheSecretsOutOfItsText() {
        AwsConfig aws = Config.fromEnv(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "AWS_SESSION_TOKEN", "t0k3n")).aws();

        assertThat(aws.region()).isEqualTo("eu-west-1");
        assertThat(aws.dynamoDbEndpointOrDefault()).hasToString("http://127.0.0.1:4566");
        assertThat(aws.toString()).contains("AKID").doesNotContain("s3cr3t").doesNotContain("t0k3n");
        assertThat(Config.fromEnv(Map.of("AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_DYNAMODB", "http://b:2"))
                .aws().dynamoDbEndpointOrDefault()).hasToString("http://b:2");
        assertThat(Config.fromEnv(Map.of()).aws().dynamoDbEndpointOrDefault()).isNull();
    }

    @Test
    void leakDetectionIsOffUnlessAskedForAndMustBeALevelNettyKnows() {
        assertThat(Config.fromEnv(Map.of()).nettyLeakDetection()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
        assertThat(Config.fromEnv(Map.of("NETTY_LEAK_DETECTION", "paranoid")).nettyLeakDetection())
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(Config.fromEnv(Map.of("NETTY_LEAK_DETECTION", "Advanced")).nettyLeakDetection())
                .isEqualTo(ResourceLeakDetector.Level.ADVANCED);
        assertThatThrownBy(() -> Config.fromEnv(Map.of("NETTY_LEAK_DETECTION", "loud")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("NETTY_LEAK_DETECTION=loud"));
    }

    @Test
    void transportIsAutoUnlessAskedFor() {
        assertThat(Config.fromEnv(Map.of()).transport()).isEqualTo(Transport.Preference.AUTO);
        assertThat(Config.fromEnv(Map.of("TRANSPORT", "EPOLL")).transport()).isEqualTo(Transport.Preference.EPOLL);
    }

    @Test
    void readsNumbersAndBooleansTheWayEveryProgramDoes() {
        Config config = Config.fromEnv(Map.of("MAX_BODY_BYTES", "524_288", "WARMUP_REQUESTS", "1_000",
                "BID_LOG_ENABLED", "off", "PORT", " ", "LOG_LEVEL", "debug"));

        assertThat(config.maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(config.warmupRequests()).isEqualTo(1000);
        assertThat(config.bidLog().enabled()).isFalse();
        assertThat(config.port()).as("a blank value is unset").isEqualTo(8080);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "-1", "IO_THREADS", "x", "GZIP_LEVEL", "12")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void sizesTheNoticeDedupeFromTheMaxHeapUnlessToldAndNeverPastHalfOfIt() {
        long heap = 1536L << 20;
        assertThat(Config.fromEnv(Map.of(), heap).noticeDedupeMaxBytes()).isEqualTo(96L << 20);
        assertThat(Config.fromEnv(Map.of("NOTICE_DEDUPE_MAX_BYTES", "1048576"), heap).noticeDedupeMaxBytes())
                .isEqualTo(1L << 20);
        assertThatThrownBy(() -> Config.fromEnv(Map.of("NOTICE_DEDUPE_MAX_BYTES", "1000000000"), heap))
                .hasMessageContaining("NOTICE_DEDUPE_MAX_BYTES=1000000000: must be at most half the max heap");
    }

    @Test
    void refusesReloadsThatDropMoreThanHalfTheCampaignsUnlessTold() {
        assertThat(Config.fromEnv(Map.of()).campaignsMaxDropPercent()).isEqualTo(50);
        assertThat(Config.fromEnv(Map.of("CAMPAIGNS_MAX_DROP_PERCENT", "100")).campaignsMaxDropPercent())
                .isEqualTo(100);
    }

    @Test
    void needsTheInflatedLimitToHoldTheBodyLimit() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MAX_BODY_BYTES", "4096", "MAX_INFLATED_BODY_BYTES", "2048")))
                .hasMessageContaining("MAX_INFLATED_BODY_BYTES=2048: must be at least MAX_BODY_BYTES");
    }
}
