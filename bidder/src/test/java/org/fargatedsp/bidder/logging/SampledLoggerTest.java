package org.fargatedsp.bidder.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SampledLoggerTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("sampled-logger-test");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void logsAtMostTheLimitPerSecondAndCountsTheRest() {
        SampledLogger sampled = new SampledLogger(logger, "bad_request", 3, nanos::get);

        int logged = 0;
        for (int i = 0; i < 10; i++) {
            if (sampled.error("req-" + i, "bad request", null)) {
                logged++;
            }
        }

        assertThat(logged).isEqualTo(3);
        assertThat(appender.list).hasSize(3);
        assertThat(sampled.suppressed()).isEqualTo(7);
    }

    @Test
    void reportsWhatItSuppressedInTheFirstLineOfTheNextSecond() {
        SampledLogger sampled = new SampledLogger(logger, "bad_request", 1, nanos::get);
        sampled.warn("req-1", "first", null);
        sampled.warn("req-2", "suppressed", null);
        sampled.warn("req-3", "suppressed", null);

        nanos.addAndGet(1_000_000_000L);
        assertThat(sampled.warn("req-4", "next second", null)).isTrue();

        assertThat(appender.list).extracting(ILoggingEvent::getMessage).containsExactly("first", "next second");
        String json = encode(appender.list.get(1));
        assertThat(json).contains("\"kind\":\"bad_request\"", "\"request_id\":\"req-4\"", "\"suppressed\":2",
                "\"level\":\"WARN\"");
        assertThat(encode(appender.list.get(0))).doesNotContain("suppressed");
    }

    @Test
    void leavesOutTheRequestIdWhenThereIsNone() {
        SampledLogger sampled = new SampledLogger(logger, "disk", 5, nanos::get);

        sampled.error(null, "disk failed", new IllegalStateException("boom"));

        String json = encode(appender.list.get(0));
        assertThat(json).contains("\"kind\":\"disk\"", "boom").doesNotContain("request_id");
    }

    @Test
    void formatsAMessageWithArgumentsOnlyForTheLinesItLogs() {
        SampledLogger sampled = new SampledLogger(logger, "bad_request", 1, nanos::get);

        assertThat(sampled.warn("req-1", "bad request ({}): {}", "missing_field", "/id is required")).isTrue();
        assertThat(sampled.warn("req-2", "bad request ({}): {}", "missing_field", "/id is required")).isFalse();

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("bad request (missing_field): /id is required");
        assertThat(sampled.suppressed()).isEqualTo(1);
    }

    @Test
    void turnsItsOneArgumentIntoTextOnlyForALineItLogsAtInfo() {
        SampledLogger sampled = new SampledLogger(logger, "repaired_request", 1, nanos::get);
        AtomicInteger described = new AtomicInteger();
        Object repairs = new Object() {
            @Override
            public String toString() {
                described.incrementAndGet();
                return "imp[0].banner.w coerced";
            }
        };

        assertThat(sampled.info("req-1", "repaired bid request: {}", repairs)).isTrue();
        assertThat(sampled.info("req-2", "repaired bid request: {}", repairs)).isFalse();

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("repaired bid request: imp[0].banner.w coerced");
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(described).hasValue(1);
    }

    @Test
    void logsAtMostTheFirst128CharactersOfARequestId() {
        SampledLogger sampled = new SampledLogger(logger, "bad_request", 5, nanos::get);

        sampled.warn("r".repeat(128) + "x".repeat(10_000), "bad request", null);

        assertThat(encode(appender.list.get(0))).contains("\"request_id\":\"" + "r".repeat(128) + "\"")
                .doesNotContain("rx");
    }

    private String encode(ILoggingEvent event) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(logger.getLoggerContext());
        encoder.start();
        try {
            return new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }
}
