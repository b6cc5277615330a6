package org.fargatedsp.bidder.notice;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) for one key, computed on a {@link MessageDigest} with the key's pads kept, so that a MAC
 * allocates nothing: {@code javax.crypto.Mac} returns a new array from every {@code doFinal}, and its SunJCE
 * implementation another inside. Not thread-safe: each thread keeps its own ({@link NoticeSigner},
 * {@link NoticeVerifier}). {@code HmacSha256Test} checks it against {@code Mac} and the RFC 4231 vectors.
 */
final class HmacSha256 {
    static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest sha256 = sha256();
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private final byte[] outer = new byte[LENGTH];

    HmacSha256(byte[] key) {
        // A key longer than the block is replaced by its hash (RFC 2104, section 2).
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** Writes the first {@code macLength} bytes of the MAC of {@code data[off, off + len)} to {@code out[at...]}. */
    void mac(byte[] data, int off, int len, byte[] out, int at, int macLength) {
        try {
            sha256.update(innerPad);
            sha256.update(data, off, len);
            sha256.digest(inner, 0, LENGTH);
            sha256.update(outerPad);
            sha256.update(inner);
            sha256.digest(outer, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 writes 32 bytes into a 32-byte array", e);
        }
        System.arraycopy(outer, 0, out, at, macLength);
    }

    /**
     * Whether {@code a[aAt, aAt + len)} equals {@code b[bAt, bAt + len)}, in time that depends on {@code len} alone,
     * so that how long a refusal takes tells nothing of how many bytes of a forged MAC were right.
     */
    static boolean constantTimeEquals(byte[] a, int aAt, byte[] b, int bAt, int len) {
        int difference = 0;
        for (int i = 0; i < len; i++) {
            difference |= a[aAt + i] ^ b[bAt + i];
        }
        return difference == 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
        }
    }
}
