package org.fargatedsp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class EcsMetadataReaderTest {
    static final String FIXTURE = FakeHttpServer.ECS_TASK;

    private final Logger logger = (Logger) LoggerFactory.getLogger(EcsMetadataReader.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void readsTheTaskIdentityFromTheTaskMetadataEndpoint() throws Exception {
        try (FakeHttpServer ecs = new FakeHttpServer()) {
            ecs.respond(200, FIXTURE);

            EcsTaskMetadata task = EcsMetadataReader.read(Map.of(EcsMetadataReader.METADATA_URI_V4,
                    ecs.baseUri() + "/v4/9781c248-1234"));

            assertThat(task).isEqualTo(new EcsTaskMetadata("dsp-prod",
                    "arn:aws:ecs:us-west-2:111122223333:task/dsp-prod/9781c248a0edd4cdb9a93f63cb662a5d3",
                    "9781c248a0edd4cdb9a93f63cb662a5d3", "dsp-bidder", "42", "us-west-2b", "FARGATE", null));
            assertThat(task.inEcs()).isTrue();
            assertThat(ecs.received().poll().path()).isEqualTo("/v4/9781c248-1234/task");
            assertThat(logs.list).isEmpty();
        }
    }

    @Test
    void marksWhatAnOlderAgentLeavesOutAsUnknown() throws Exception {
        try (FakeHttpServer ecs = new FakeHttpServer()) {
            ecs.respond(200, "{\"Cluster\":\"default\",\"TaskARN\":\"arn:aws:ecs:us-east-1:1:task/abc\","
                    + "\"Family\":\"f\",\"Revision\":\"3\"}");

            EcsTaskMetadata task = EcsMetadataReader.read(Map.of(EcsMetadataReader.METADATA_URI_V4, ecs.baseUri()));

            assertThat(task).isEqualTo(new EcsTaskMetadata("default", "arn:aws:ecs:us-east-1:1:task/abc", "abc", "f",
                    "3", "unknown", "unknown", null));
        }
    }

    @Test
    void fallsBackToTheHostNameOutsideEcs() {
        EcsTaskMetadata task = EcsMetadataReader.read(Map.of("HOSTNAME", "dev-box"));

        assertThat(task).isEqualTo(EcsTaskMetadata.local("dev-box"));
        assertThat(task.cluster()).isEqualTo("local");
        assertThat(task.taskId()).isEqualTo("dev-box");
        assertThat(task.inEcs()).isFalse();
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    }

    static Stream<Arguments> failingEndpoints() {
        return Stream.of(
                Arguments.of("HTTP 500", (Consumer<FakeHttpServer>) s -> s.respond(500, "oops"), 30_000,
                        "HTTP 500"),
                Arguments.of("not JSON", (Consumer<FakeHttpServer>) s -> s.respond(200, "<html>"), 30_000,
                        "JsonParse"),
                Arguments.of("no TaskARN", (Consumer<FakeHttpServer>) s -> s.respond(200, "{\"Cluster\":\"c\"}"),
                        30_000, "the task metadata has no TaskARN"),
                Arguments.of("never answers", (Consumer<FakeHttpServer>) FakeHttpServer::hang, 300,
                        "no answer within 300 ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingEndpoints")
    void fallsBackAndLogsOnceWhenTheEndpointFails(String name, Consumer<FakeHttpServer> fault, long timeoutMs,
                                                  String logged)
            throws Exception {
        try (FakeHttpServer ecs = new FakeHttpServer()) {
            fault.accept(ecs);

            EcsTaskMetadata task = EcsMetadataReader.read(Map.of(EcsMetadataReader.METADATA_URI_V4, ecs.baseUri(),
                    "HOSTNAME", "host-7"), Duration.ofMillis(timeoutMs));

            assertThat(task).isEqualTo(EcsTaskMetadata.local("host-7"));
            assertThat(logs.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains(logged, "host-7");
            });
        }
    }

    @Test
    void fallsBackWhenNothingListensAtTheEndpoint() {
        EcsTaskMetadata task = EcsMetadataReader.read(Map.of(EcsMetadataReader.METADATA_URI_V4,
                "http://127.0.0.1:1/v4", "HOSTNAME", "h"), Duration.ofSeconds(30));

        assertThat(task).isEqualTo(EcsTaskMetadata.local("h"));
        assertThat(logs.list).hasSize(1);
    }
}
