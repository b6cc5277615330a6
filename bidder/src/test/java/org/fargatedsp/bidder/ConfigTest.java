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
import org.fargatedsp.bidder.http.ConnectionCaps;
import org.fargatedsp.bidder.http.ConnectionSettings;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.bidder.notice.HeapNoticeDedupe;
import org.fargatedsp.bidder.notice.TestNotices;
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
        assertThat(config.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.maxInflatedBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.sourceCpuPercent()).isEqualTo(50);
        assertThat(config.sourceCpuBurstMs()).isEqualTo(1_000);
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
        "MAX_PIPELINED_REQUESTS | 0 | MAX_PIPELINED_REQUESTS=0: must be between 1 and 1024",
        "WRITE_BUFFER_HIGH_WATER_BYTES | 100 | WRITE_BUFFER_HIGH_WATER_BYTES=100: must be between",
        "MAX_CONNECTIONS | -1 | MAX_CONNECTIONS=-1: must be between 0 and",
        "CAMPAIGNS_MAX_DROP_PERCENT | 101 | CAMPAIGNS_MAX_DROP_PERCENT=101: must be between 0 and 100",
        "SOURCE_CPU_PERCENT | 101 | SOURCE_CPU_PERCENT=101: must be between 0 and 100",
        "SOURCE_CPU_BURST_MS | 0 | SOURCE_CPU_BURST_MS=0: must be",
        "NOTICE_DEDUPE_MAX_BYTES | 1000 | NOTICE_DEDUPE_MAX_BYTES=1000: must be between 65536",
        "BUDGET_TABLE | no/slash | BUDGET_TABLE=no/slash: must be a DynamoDB table name",
        "BUDGET_SLICE_MAX_PERCENT | 0 | BUDGET_SLICE_MAX_PERCENT=0: must be between 1 and 100",
        "BUDGET_LEASE_TTL_MS | 60000 | BUDGET_LEASE_TTL_MS=60000: must be at least twice the sum of"
            + " BUDGET_BID_WINDOW_MS and BUDGET_FLUSH_MS (122000)"})
    void namesTheVariableAndTheBadValue(String key, String value, String message) {
        assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains(message));
    }

    @Test
    void budgetsAreCountedInTheTaskUnlessATableIsNamed() {
        assertThat(Config.fromEnv(Map.of()).budget().leased()).isFalse();
        assertThat(Config.fromEnv(Map.of()).budget().noticeTable()).isNull();

        Config leased = Config.fromEnv(Map.of("BUDGET_TABLE", "budgets"));

        assertThat(leased.budget().leased()).isTrue();
        assertThat(leased.budget().noticeTable()).as("the budget table by default").isEqualTo("budgets");
        assertThat(Config.fromEnv(Map.of("NOTICE_DEDUPE_TABLE", "notices")).budget().noticeTable())
                .isEqualTo("notices");
        assertThat(leased.budget().leaseTtlMs()).isGreaterThanOrEqualTo(2 * (leased.budget().bidWindowMs()
                + leased.budget().flushMs()));
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
        Config config = Config.fromEnv(Map.of("MAX_BODY_BYTES", "524_288", "MAX_INFLATED_BODY_BYTES", "524_288",
                "WARMUP_REQUESTS", "1_000", "BID_LOG_ENABLED", "off", "PORT", " ", "LOG_LEVEL", "debug"));

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
    void readsTheConnectionBoundsLeavingUnsetCapsToBeDerived() {
        ConnectionSettings defaults = Config.fromEnv(Map.of()).connections();
        assertThat(defaults.maxPipelinedRequests()).isEqualTo(32);
        assertThat(defaults.writeBufferHighWaterBytes()).isEqualTo(64 << 10);
        assertThat(defaults.writeStallTimeoutMs()).isEqualTo(5_000);
        assertThat(defaults.caps()).isEqualTo(new ConnectionCaps(0, 0));

        ConnectionSettings set = Config.fromEnv(Map.of("MAX_PIPELINED_REQUESTS", "8",
                "WRITE_BUFFER_HIGH_WATER_BYTES", "1048576", "WRITE_STALL_TIMEOUT_MS", "2000", "MAX_CONNECTIONS", "500",
                "MAX_CONNECTIONS_PER_SOURCE", "100")).connections();
        assertThat(set).isEqualTo(new ConnectionSettings(defaults.idleTimeoutMs(), defaults.readTimeoutMs(),
                defaults.maxBodyBytes(), defaults.gzipLevel(), 8, 1 << 20, 2_000, new ConnectionCaps(500, 100)));
    }

    @Test
    void needsThePerSourceCapWithinTheTotal() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MAX_CONNECTIONS", "10", "MAX_CONNECTIONS_PER_SOURCE", "20")))
                .hasMessageContaining("MAX_CONNECTIONS_PER_SOURCE=20: must be at most MAX_CONNECTIONS (10)");
    }

    @Test
    void sizesTheNoticeDedupeFromTheMaxHeapUnlessToldAndNeverPastHalfOfIt() {
        long heap = 1536L << 20;
        assertThat(Config.fromEnv(Map.of(), heap).noticeDedupeMaxBytes()).isEqualTo(96L << 20);
        assertThat(Config.fromEnv(Map.of("NOTICE_DEDUPE_MAX_BYTES", "1048576"), heap).noticeDedupeMaxBytes())
                .isEqualTo(1L << 20);
        assertThatThrownBy(() -> Config.fromEnv(Map.of("NOTICE_DEDUPE_MAX_BYTES", "1000000000"), heap))
                .hasMessageContaining("NOTICE_DEDUPE_MAX_BYTES=1000000000: must be at most half the max heap");
        long tooSmall = HeapNoticeDedupe.minimumBytes() - 1;
        assertThatThrownBy(() -> Config.fromEnv(Map.of("NOTICE_DEDUPE_MAX_BYTES", Long.toString(tooSmall)), heap))
                .hasMessageContaining("NOTICE_DEDUPE_MAX_BYTES=" + tooSmall + ": must be at least "
                        + HeapNoticeDedupe.minimumBytes() + " bytes");
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

    @Test
    void signsNoticesWithTheKeysGivenOrWithOneDrawnForTheProcessOutsideEcs() {
        Config configured = Config.fromEnv(Map.of("NOTICE_SIGNING_KEY", TestNotices.KEY_A,
                "NOTICE_SIGNING_KEY_PREVIOUS", TestNotices.KEY_B, "NOTICE_PRICE_KEYS",
                "google:skU7Ax_NL5pPAFyKdkfZjZz2-VhIN8bjj1rVFOaJ_5o=:arO23ykdNqUQ5LEoQ0FVmPkBd7xB5CO89PDZlSjpFxo="));
        Config local = Config.fromEnv(Map.of());

        assertThat(configured.notices().signing().generated()).isFalse();
        assertThat(configured.notices().prices()).containsOnlyKeys("google");
        assertThat(local.notices().signing().generated()).isTrue();
        assertThat(local.notices().prices()).isEmpty();
        assertThat(configured.toString()).as("no secret in the configuration's text").doesNotContain(TestNotices.KEY_A)
                .doesNotContain(TestNotices.KEY_B).doesNotContain("skU7Ax").doesNotContain("arO23y");
    }

    @Test
    void requiresASigningKeyOnEcsWhereEveryTaskMustShareIt() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("NOTICE_SIGNING_KEY is not set: on ECS every task must sign"));
        assertThat(Config.fromEnv(Map.of("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x",
                "NOTICE_SIGNING_KEY", TestNotices.KEY_A)).notices().signing().generated()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "NOTICE_SIGNING_KEY # c2hvcnQta2V5 # NOTICE_SIGNING_KEY=(secret, 12 characters): is 9 bytes; a key has at"
                + " least 32",
        "NOTICE_SIGNING_KEY # not a key! # NOTICE_SIGNING_KEY=(secret, 10 characters): is neither hex nor base64",
        "NOTICE_SIGNING_KEY_PREVIOUS # " + TestNotices.KEY_A + " # NOTICE_SIGNING_KEY_PREVIOUS is set without",
        "NOTICE_PRICE_KEYS # google:secret-e-key:secret-i-key # NOTICE_PRICE_KEYS=(secret, 32 characters): entry 1"
                + " (google) has a key that is not base64"})
    void refusesABadSecretWithoutQuotingIt(String key, String value, String message) {
        assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith(message).doesNotContain(value));
    }
}
