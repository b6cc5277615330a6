package org.fargatedsp.bidder.notice;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a price as an exchange does, written from Google's "Decrypt price confirmations" independently of the
 * bidder's decrypter: {@code pad = HMAC-SHA1(e_key, iv)}, {@code enc_price = price XOR pad[0..8]},
 * {@code signature = HMAC-SHA1(i_key, price || iv)[0..4]}, web-safe base64 of {@code iv || enc_price || signature}.
 */
final class PriceEncryption {
    private PriceEncryption() {}

    /** {@code micros} encrypted under the keys (web-safe base64 as an exchange gives them), without padding. */
    static String encrypt(long micros, byte[] iv, String encryptionKey, String integrityKey) {
        byte[] price = ByteBuffer.allocate(8).putLong(micros).array();
        byte[] pad = hmac(encryptionKey, iv);
        byte[] message = ByteBuffer.allocate(28).put(iv).array();
        for (int i = 0; i < 8; i++) {
            message[16 + i] = (byte) (price[i] ^ pad[i]);
        }
        byte[] signature = hmac(integrityKey, ByteBuffer.allocate(24).put(price).put(iv).array());
        System.arraycopy(signature, 0, message, 24, 4);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(message);
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(key), "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
