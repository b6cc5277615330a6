package org.fargatedsp.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.datadog.DatadogConfig;
import io.micrometer.datadog.DatadogMeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a program's meter registry: Datadog when an API key is set, otherwise one that records nothing. */
public final class MeterRegistries {
    private static final Logger LOG = LoggerFactory.getLogger(MeterRegistries.class);
    // Micrometer's own defaults for a push registry's HTTP client (PushRegistryConfig), now set on the sender.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private MeterRegistries() {}

    /**
     * A Datadog registry pushing to {@code config.uri()} every step with {@code commonTags} on every meter, or,
     * without an API key, an empty composite registry: its meters are no-ops, so the hot path pays nothing.
     */
    public static MeterRegistry create(MetricsConfig config, Tags commonTags) {
        if (!config.enabled()) {
            LOG.info("metrics are off: {} is not set", MetricsConfig.API_KEY);
            return new CompositeMeterRegistry();
        }
        DatadogConfig datadog = datadogConfig(config);
        DatadogMeterRegistry registry = DatadogMeterRegistry.builder(datadog)
                .clock(Clock.SYSTEM)
                .httpClient(new FiniteSeriesSender(
                        new HttpUrlConnectionSender(CONNECT_TIMEOUT, READ_TIMEOUT)))
                .build();
        registry.config().commonTags(commonTags);
        LOG.info("metrics go to Datadog at {} every {} ms", config.uri(), config.stepMs());
        return registry;
    }

    /**
     * A registry that goes nowhere but makes meters of the same classes as {@code real}'s (step meters for
     * Datadog, no-ops when metrics are off): the warm-up records into it so that the JIT compiles the meters real
     * traffic records into, and nothing it does is published.
     */
    public static MeterRegistry throwawayLike(MeterRegistry real) {
        if (real instanceof StepMeterRegistry) {
            return new SimpleMeterRegistry(new SimpleConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public CountingMode mode() {
                    return CountingMode.STEP;
                }
            }, Clock.SYSTEM);
        }
        return new CompositeMeterRegistry();
    }

    static DatadogConfig datadogConfig(MetricsConfig config) {
        return new DatadogConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String apiKey() {
                return config.apiKey();
            }

            @Override
            public String uri() {
                return config.uri();
            }

            @Override
            public Duration step() {
                return Duration.ofMillis(config.stepMs());
            }

            // No tag becomes the series' "host": every distinct host is a billed Datadog host, and on Fargate the
            // task tags above already tell tasks apart.
            @Override
            public String hostTag() {
                return null;
            }

            // Descriptions only go with metadata, which needs an application key no program here holds.
            @Override
            public boolean descriptions() {
                return false;
            }
        };
    }
}
