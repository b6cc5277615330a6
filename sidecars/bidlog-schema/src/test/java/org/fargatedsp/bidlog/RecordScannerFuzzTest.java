package org.fargatedsp.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link RecordScanner} against {@link BidLogReader#parseLine}: whatever the bytes, the scanner accepts
 * them exactly when they are valid UTF-8 that parseLine accepts, with the same {@code ts}, and throws nothing but
 * {@link BidLogFormatException}. The one documented exception, a zero price with an exponent of ten or more digits,
 * is the only disagreement allowed, and only as a rejection.
 *
 * <p>In {@code mvn verify} this runs only on the seeds in {@code RecordScannerFuzzTestInputs/<method>/};
 * {@code docs/fuzzing.md} says how to fuzz for real.
 */
class RecordScannerFuzzTest {
    private final Agreement agreement = new Agreement();

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void acceptsExactlyTheLinesParseLineAccepts(byte[] line) {
        String disagreement = agreement.disagreement(line);
        if (disagreement != null && disagreement.startsWith("the scanner rejects (")
                && disagreement.contains("exponent out of range")) {
            return;
        }
        assertThat(disagreement).isNull();
    }
}
