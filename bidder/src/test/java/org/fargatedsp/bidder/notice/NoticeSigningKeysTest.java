package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeSigningKeysTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff".repeat(2) + "ab");

    @Test
    void readsAKeyInHexOrInAnyBase64() {
        assertThat(NoticeSigningKeys.parse(HexFormat.of().formatHex(KEY))).isEqualTo(KEY);
        assertThat(NoticeSigningKeys.parse(HexFormat.of().withUpperCase().formatHex(KEY))).isEqualTo(KEY);
        assertThat(NoticeSigningKeys.parse(Base64.getEncoder().encodeToString(KEY))).isEqualTo(KEY);
        assertThat(NoticeSigningKeys.parse(Base64.getEncoder().withoutPadding().encodeToString(KEY))).isEqualTo(KEY);
        assertThat(NoticeSigningKeys.parse(Base64.getUrlEncoder().encodeToString(KEY))).isEqualTo(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2hvcnQta2V5", "00112233", "not a key!", "AAAA+AAA-AAA"})
    void refusesAShortOrUnreadableKeyWithoutQuotingIt(String value) {
        assertThatThrownBy(() -> NoticeSigningKeys.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl rand -base64 32").message().doesNotContain(value);
    }

    @Test
    void namesAKeyByAByteOfItsHashAndShowsNoKeyInItsText() {
        NoticeSigningKeys keys = NoticeSigningKeys.of(KEY, TestNotices.key(TestNotices.KEY_A));

        assertThat(NoticeSigningKeys.idOf(KEY)).isBetween(0, 255).isEqualTo(NoticeSigningKeys.idOf(KEY.clone()));
        assertThat(keys.toString()).startsWith("NoticeSigningKeys[current id ")
                .doesNotContain(HexFormat.of().formatHex(KEY)).doesNotContain(TestNotices.KEY_A);
        assertThat(keys.generated()).isFalse();
        assertThat(NoticeSigningKeys.random().generated()).isTrue();
        assertThat(NoticeSigningKeys.random().current()).isNotEqualTo(NoticeSigningKeys.random().current());
    }
}
