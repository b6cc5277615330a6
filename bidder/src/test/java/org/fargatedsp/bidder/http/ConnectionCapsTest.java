package org.fargatedsp.bidder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fargatedsp.bidder.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How the connection caps are sized from the process's file-descriptor limit and memory. */
class ConnectionCapsTest {
    private static final long GIB = 1L << 30;
    /** The default settings: 64 KiB of queued output, a 256 KiB body, 128 KiB of undecoded input, a 12 KiB head. */
    private static final long PER_CONNECTION = Config.fromEnv(Map.of()).connections().bytesPerConnection();
    private static final ConnectionCaps UNSET = new ConnectionCaps(0, 0);

    @Test
    void oneConnectionHoldsItsQueuedOutputABodyItsUndecodedInputAndAHead() {
        assertThat(PER_CONNECTION).isEqualTo((64 << 10) + (64 << 10) + (128 << 10) + 4096 + 8192);
    }

    @ParameterizedTest(name = "fd limit {0}, {1} MiB direct: {2} in all, {3} per source")
    @CsvSource({
        // The task definition's nofile and a 2 GB task's 1.5 GB heap: memory is the tighter bound.
        "65536, 1536, 2934, 1467",
        // A small fd limit: an eighth at least 256 kept for other descriptors, 32 for /health over the cap.
        "1024, 1536, 736, 368",
        "2048, 1536, 1760, 880",
        "1536, 1536, 1248, 624",
        // Outside Unix the fd limit is unknown.
        "-1, 16384, 10000, 5000",
        // Whatever the limits, at least one connection.
        "100, 1536, 1, 1",
    })
    void derivesTheTotalFromTheLowerOfTheFdLimitAndMemoryAndHalfOfItPerSource(long fdLimit, long directMib,
            int total, int perSource) {
        assertThat(UNSET.derive(fdLimit, directMib << 20, PER_CONNECTION))
                .isEqualTo(new ConnectionCaps(total, perSource));
    }

    @Test
    void keepsTheCapsThatAreSet() {
        assertThat(new ConnectionCaps(5000, 0).derive(65536, 2 * GIB, PER_CONNECTION))
                .isEqualTo(new ConnectionCaps(5000, 2500));
        assertThat(new ConnectionCaps(0, 7).derive(65536, 2 * GIB, PER_CONNECTION).perSource()).isEqualTo(7);
    }

    @Test
    void neverLetsOneSourceHaveMoreThanTheTotal() {
        assertThat(new ConnectionCaps(0, 50_000).derive(1024, 2 * GIB, PER_CONNECTION))
                .isEqualTo(new ConnectionCaps(736, 736));
    }

    @Test
    void readsThisProcesssLimits() {
        assertThat(ConnectionCaps.fdLimit()).isPositive();
        assertThat(ConnectionCaps.directMemoryLimit()).isPositive();
        assertThat(UNSET.forThisProcess(PER_CONNECTION).total()).isPositive();
    }
}
