package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadShedderTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final LoadShedder.Probe probe = new LoadShedder.Probe(10 * MS, clock::get);

    LoadShedderTest() {
        probe.expected = clock.get() + MS;
    }

    @Test
    void staysCalmWhileTheLoopKeepsTime() {
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(MS + MS / 2);
            probe.run();
        }

        assertThat(probe.overloaded).isFalse();
        assertThat(probe.lagNanos).isEqualTo(MS / 2);
    }

    @Test
    void shedsWhenTheLoopFallsBehindAndRecoversBelowHalfTheThreshold() {
        clock.addAndGet(25 * MS);
        probe.run();
        assertThat(probe.overloaded).isTrue();
        assertThat(probe.lagNanos).isEqualTo(24 * MS);

        clock.addAndGet(8 * MS);
        probe.run();
        assertThat(probe.overloaded).as("7 ms of lag is under the threshold but not under half of it").isTrue();

        clock.addAndGet(5 * MS);
        probe.run();
        assertThat(probe.overloaded).isFalse();
    }
}
