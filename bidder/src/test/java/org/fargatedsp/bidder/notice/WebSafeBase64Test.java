package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Web-safe base64 as RFC 4648 writes it without padding, read strictly: one spelling for every byte string. */
class WebSafeBase64Test {
    @Test
    void writesAndReadsWhatTheJdksUrlEncoderWritesForEveryLength() {
        SplittableRandom random = new SplittableRandom(4648);
        for (int n = 0; n < 100; n++) {
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            String jdk = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            byte[] chars = new byte[WebSafeBase64.encodedLength(n) + 2];
            int end = WebSafeBase64.encode(bytes, 0, n, chars, 2);
            byte[] read = new byte[n];

            assertThat(new String(chars, 2, end - 2, StandardCharsets.US_ASCII)).isEqualTo(jdk);
            assertThat(WebSafeBase64.encodedLength(n)).isEqualTo(jdk.length());
            assertThat(WebSafeBase64.decode(jdk, read)).isEqualTo(n);
            assertThat(read).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @CsvSource({"AB, -3", "AAB, -3", "AQ, 1", "AAE, 2", "A, -2", "AAAAA, -2", "AA=A, -1", "A+AA, -1", "A/AA, -1",
        "'AA A', -1", "é=AA, -1"})
    void refusesCharactersOutsideTheAlphabetImpossibleLengthsAndStrayBits(String text, int result) {
        assertThat(WebSafeBase64.decode(text, new byte[8])).isEqualTo(result);
    }
}
