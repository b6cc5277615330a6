package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encrypted price scheme against the vectors Google publishes: the sample keys and prices of "Decrypt price
 * confirmations" (developers.google.com/authorized-buyers/rtb/response-guide/decrypt-price), and the padded price
 * of Google's own DoubleClickCrypto test (github.com/google/openrtb-doubleclick, DoubleClickCryptoTest).
 */
class EncryptedPriceTest {
    /** The sample keys of "Decrypt price confirmations". */
    static final String E_KEY = "skU7Ax_NL5pPAFyKdkfZjZz2-VhIN8bjj1rVFOaJ_5o=";
    static final String I_KEY = "arO23ykdNqUQ5LEoQ0FVmPkBd7xB5CO89PDZlSjpFxo=";
    /** DoubleClickCryptoTest's keys. */
    static final String TEST_E_KEY = "sIxwz7yw62yrfoLGt12lIHKuYrK_S5kLuApI2BQe7Ac=";
    static final String TEST_I_KEY = "v3fsVcMBMMHYzRhi7SpM0sdqwzvAxM6KPTu9OtVod5I=";
    static final byte[] IV = "abc123def456ghi7".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, EncryptedPrice> keys = EncryptedPrice.parseKeys("google:" + E_KEY + ":" + I_KEY
            + ",doubleclick:" + TEST_E_KEY + ":" + TEST_I_KEY + ",openx:" + E_KEY + ":" + I_KEY + ":cpi");

    @ParameterizedTest
    @CsvSource({
        "google, YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCce_6msaw, 100",
        "google, YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCAWJRxOgA, 1900",
        "google, YWJjMTIzZGVmNDU2Z2hpN7fhCuPemC32prpWWw, 2700",
        "doubleclick, 5nmwvgAM0UABI0VniavN72_sy3T6V9ohlpvOpA==, 1200000",
        "openx, YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCAWJRxOgA, 1900000"})
    void decryptsThePublishedVectors(String exchange, String encrypted, long cpmMicros) {
        assertThat(EncryptedPrice.looksEncrypted(encrypted)).isTrue();
        assertThat(keys.get(exchange).cpmMicros(encrypted)).isEqualTo(cpmMicros);
    }

    @Test
    void encryptsAsTheDocumentationDoesSoTheSchemeIsTheSameBothWays() {
        assertThat(PriceEncryption.encrypt(100, IV, E_KEY, I_KEY)).isEqualTo("YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCce_6msaw");
        assertThat(keys.get("google").cpmMicros(PriceEncryption.encrypt(1_234_567, IV, E_KEY, I_KEY)))
                .isEqualTo(1_234_567);
    }

    @Test
    void refusesAPriceWithAnyCharacterChangedOrEncryptedWithOtherKeys() {
        String encrypted = "YWJjMTIzZGVmNDU2Z2hpN7fhCuPemC32prpWWw";
        for (int at = 0; at < encrypted.length(); at++) {
            char changed = encrypted.charAt(at) == 'A' ? 'B' : 'A';
            String tampered = encrypted.substring(0, at) + changed + encrypted.substring(at + 1);
            assertThatThrownBy(() -> keys.get("google").cpmMicros(tampered)).as("character %d", at)
                    .isInstanceOfSatisfying(NoticeRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(NoticeRejection.PRICE_INTEGRITY));
        }
        assertThatThrownBy(() -> keys.get("doubleclick").cpmMicros(encrypted))
                .isInstanceOf(NoticeRejectedException.class).hasMessageContaining("integrity");
    }

    @ParameterizedTest
    @CsvSource({"YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCce_6msa", "YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCce_6msaw=",
        "YWJjMTIzZGVmNDU2Z2hpN7fhCuPemCce+6msaw", "2.50", "${AUCTION_PRICE}"})
    void takesOnlyThe38CharacterShapeAsEncrypted(String text) {
        assertThat(EncryptedPrice.looksEncrypted(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "google                                  # entry 1 (google) is not exchange:e_key:i_key[:cpm|cpi]",
        "not an exchange:" + E_KEY + ":" + I_KEY + " # entry 1 names no exchange",
        "a:" + E_KEY + ":" + I_KEY + ",a:" + E_KEY + ":" + I_KEY + " # entry 2 (a) repeats the exchange",
        "a:" + E_KEY + ":" + I_KEY + ":cpx        # entry 1 (a) has a unit that is neither cpm nor cpi",
        "a:c2hvcnQ:" + I_KEY + "                 # entry 1 (a) has a key that is not base64 of at least 16 bytes",
        "a:" + E_KEY + ":!!!!                    # entry 1 (a) has a key that is not base64 of at least 16 bytes"})
    void refusesBadEntriesByNumberAndExchangeNeverQuotingAKey(String spec, String problem) {
        assertThatThrownBy(() -> EncryptedPrice.parseKeys(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(problem).message().doesNotContain(E_KEY).doesNotContain(I_KEY);
    }

    @Test
    void showsNoKeyInItsText() {
        assertThat(keys.get("openx").toString()).isEqualTo("EncryptedPrice[cpi]").doesNotContain(E_KEY);
    }
}
