package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link BidRequestDecoder#decode}: whatever the bytes, it returns a request with an id and impressions
 * that have distinct ids, whose repairs stay within their bound, or throws {@link BadRequestException} with a
 * reason. Any other exception, or an input that takes longer than the timeout, is a finding.
 *
 * <p>In {@code mvn verify} this runs only on the seeds in {@code BidRequestDecoderFuzzTestInputs/<method>/} (the
 * IAB examples, nasty inputs and past findings); {@code docs/fuzzing.md} says how to fuzz for real.
 */
class BidRequestDecoderFuzzTest {
    private static final BidRequestDecoder DECODER = new BidRequestDecoder(100, 1024 * 1024);
    private final Repairs repairs = new Repairs();

    /** Jazzer turns the timeout into its per-input limit (libFuzzer's {@code -timeout}) when fuzzing. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesAValidRequestOrRejectsItWithAReason(byte[] body) {
        BidRequest request;
        try {
            request = DECODER.decode(body, 0, body.length, repairs);
        } catch (BadRequestException e) {
            assertThat(e.kind()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.id()).isNotEmpty();
        assertThat(request.imp()).isNotEmpty().hasSizeLessThanOrEqualTo(100)
                .allSatisfy(imp -> assertThat(imp.id()).isNotEmpty());
        assertThat(request.imp()).extracting(Imp::id).doesNotHaveDuplicates();
        assertThat(repairs.size()).isLessThanOrEqualTo(Repairs.MAX_ENTRIES);
        for (int i = 0; i < request.imp().size(); i++) {
            assertThat(repairs.sentPosition(i)).isBetween(i, i + repairs.skippedImps());
        }
    }
}
