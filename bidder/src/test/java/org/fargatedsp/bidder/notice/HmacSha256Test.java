package org.fargatedsp.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allocation-free HMAC-SHA256 is HMAC-SHA256: RFC 4231's vectors, and the JDK's {@code Mac} on any input. */
class HmacSha256Test {
    @ParameterizedTest
    @CsvSource({
        // RFC 4231, test cases 1, 2 and 6 (a key longer than the block is hashed first).
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, Hi There, "
                + "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "4a656665, what do ya want for nothing?, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "AA131, Test Using Larger Than Block-Size Key - Hash Key First, "
                + "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"})
    void matchesRfc4231(String keyHex, String data, String mac) {
        byte[] key = HexFormat.of().parseHex(keyHex.equals("AA131") ? "aa".repeat(131) : keyHex);
        byte[] out = new byte[32];

        new HmacSha256(key).mac(data.getBytes(StandardCharsets.US_ASCII), 0, data.length(), out, 0, 32);

        assertThat(HexFormat.of().formatHex(out)).isEqualTo(mac);
    }

    @Test
    void matchesTheJdksMacForAnyKeyLengthAndAnyDataAgainAndAgain() throws Exception {
        SplittableRandom random = new SplittableRandom(4231);
        for (int round = 0; round < 300; round++) {
            byte[] key = bytes(random, 1 + random.nextInt(150));
            byte[] data = bytes(random, random.nextInt(300));
            int off = data.length == 0 ? 0 : random.nextInt(data.length);
            int len = data.length - off;
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            jdk.update(data, off, len);
            byte[] expected = jdk.doFinal();
            HmacSha256 hmac = new HmacSha256(key);
            byte[] out = new byte[40];

            hmac.mac(data, off, len, out, 4, 16);
            hmac.mac(data, off, len, out, 4, 16);

            assertThat(Arrays.copyOfRange(out, 4, 20)).isEqualTo(Arrays.copyOf(expected, 16));
        }
    }

    @Test
    void comparesRangesByContent() {
        byte[] a = {1, 2, 3, 4, 5};
        byte[] b = {9, 2, 3, 4, 9};

        assertThat(HmacSha256.constantTimeEquals(a, 1, b, 1, 3)).isTrue();
        assertThat(HmacSha256.constantTimeEquals(a, 0, b, 0, 3)).isFalse();
        assertThat(HmacSha256.constantTimeEquals(a, 1, b, 1, 4)).isFalse();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
