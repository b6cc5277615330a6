package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidLogConfigTest {

    @Test
    void usesTheDocumentedDefaultsForAnEmptyEnvironment() {
        List<String> errors = new ArrayList<>();

        BidLogConfig c = BidLogConfig.fromEnv(Map.of(), errors);

        assertThat(errors).isEmpty();
        assertThat(c).isEqualTo(new BidLogConfig(true, Path.of("./logs/bids"), 65_536,
                Runtime.getRuntime().maxMemory() / 16, 64L << 20, 60_000, 1L << 30, 10_000));
    }

    @Test
    void readsEveryVariable() {
        List<String> errors = new ArrayList<>();

        BidLogConfig c = BidLogConfig.fromEnv(Map.of("BID_LOG_ENABLED", "FALSE", "BID_LOG_DIR", "/var/log/bids",
                "BID_LOG_QUEUE_CAPACITY", "1_024", "BID_LOG_QUEUE_MAX_BYTES", "2097152",
                "BID_LOG_MAX_FILE_BYTES", "1048576", "BID_LOG_MAX_FILE_AGE_MS",
                "5000", "BID_LOG_MAX_DISK_BYTES", "10485760", "BID_LOG_CLOSE_TIMEOUT_MS", " 2500 "), errors);

        assertThat(errors).isEmpty();
        assertThat(c).isEqualTo(new BidLogConfig(false, Path.of("/var/log/bids"), 1024, 2L << 20, 1L << 20, 5000,
                10L << 20, 2500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BID_LOG_ENABLED          | maybe    | BID_LOG_ENABLED=maybe: must be true or false",
        "BID_LOG_QUEUE_CAPACITY   | lots     | BID_LOG_QUEUE_CAPACITY=lots: not a whole number",
        "BID_LOG_QUEUE_CAPACITY   | 0        | BID_LOG_QUEUE_CAPACITY=0: must be between 16 and 16777216",
        "BID_LOG_QUEUE_CAPACITY   | 99999999 | BID_LOG_QUEUE_CAPACITY=99999999: must be between 16 and 16777216",
        "BID_LOG_QUEUE_MAX_BYTES  | 1000     | BID_LOG_QUEUE_MAX_BYTES=1000: must be between 1048576 and 1099511627776",
        "BID_LOG_MAX_FILE_BYTES   | 64MiB    | BID_LOG_MAX_FILE_BYTES=64MiB: not a whole number",
        "BID_LOG_MAX_FILE_BYTES   | 100      | BID_LOG_MAX_FILE_BYTES=100: must be between 4096 and 1099511627776",
        "BID_LOG_MAX_FILE_AGE_MS  | -1       | BID_LOG_MAX_FILE_AGE_MS=-1: must be between 100 and 86400000",
        "BID_LOG_MAX_FILE_AGE_MS  | 1.5      | BID_LOG_MAX_FILE_AGE_MS=1.5: not a whole number",
        "BID_LOG_MAX_DISK_BYTES   | 1        | BID_LOG_MAX_DISK_BYTES=1: must be between 4096 and 1125899906842624",
        "BID_LOG_MAX_DISK_BYTES   | 1048576  | BID_LOG_MAX_DISK_BYTES=1048576: must be at least BID_LOG_MAX_FILE_BYTES (67108864): one full file must fit in the disk budget",
        "BID_LOG_CLOSE_TIMEOUT_MS | 0        | BID_LOG_CLOSE_TIMEOUT_MS=0: must be between 1 and 600000",
        "BID_LOG_DIR              | a\u0000b | BID_LOG_DIR=a\u0000b: not a valid path (Nul character not allowed)",
        "BID_LOG_ENABLED          | yes_no   | BID_LOG_ENABLED=yes_no: must be true or false",
        "BID_LOG_QUEUE_CAPACITY   | 1_0_2_4x | BID_LOG_QUEUE_CAPACITY=1_0_2_4x: not a whole number"
    })
    void reportsABadValueNamingTheVariableAndTheValue(String key, String value, String message) {
        List<String> errors = new ArrayList<>();

        BidLogConfig c = BidLogConfig.fromEnv(Map.of(key, unescape(value)), errors);

        assertThat(errors).containsExactly(unescape(message));
        assertThat(c).isNotNull();
    }

    @Test
    void holdsTheQueuesBytesUnderHalfTheMaxHeap() {
        ConfigReader r = new ConfigReader(
                Map.of("BID_LOG_QUEUE_MAX_BYTES", "1073741824"));

        BidLogConfig c = BidLogConfig.read(r, 1536L << 20);

        assertThat(r.problems()).singleElement().asString()
                .isEqualTo("BID_LOG_QUEUE_MAX_BYTES=1073741824: must be at most half the max heap (1610612736 bytes)");
        assertThat(BidLogConfig.read(new ConfigReader(Map.of()), 1536L << 20).queueMaxBytes())
                .isEqualTo(96L << 20);
        assertThat(c).isNotNull();
    }

    @Test
    void reportsEveryBadValueAtOnce() {
        List<String> errors = new ArrayList<>();

        BidLogConfig.fromEnv(Map.of("BID_LOG_ENABLED", "2", "BID_LOG_QUEUE_CAPACITY", "x", "BID_LOG_MAX_FILE_AGE_MS",
                "y"), errors);

        assertThat(errors).hasSize(3);
    }

    private static String unescape(String s) {
        return s.replace("\\u0000", "\u0000");
    }
}
