package org.fargatedsp.bidder.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The keys notice tokens are signed with ({@code NOTICE_SIGNING_KEY}) and still accepted with
 * ({@code NOTICE_SIGNING_KEY_PREVIOUS}, during a rotation), each with the one-byte id a token names it by. The id
 * is derived from the key, so an operator never assigns one: the first byte of SHA-256 over a fixed label and the
 * key, which tells nothing usable of the key. Two keys may share an id (1 in 256); a token with that id is then
 * checked against both.
 */
public final class NoticeSigningKeys {
    /** The shortest key taken: HMAC-SHA256's own output length, so the key is never the weaker part. */
    public static final int MIN_BYTES = 32;
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final byte[] ID_LABEL = "fargate-dsp notice signing key id".getBytes(StandardCharsets.US_ASCII);

    private final byte[] current;
    private final byte[] previous;
    private final boolean generated;

    private NoticeSigningKeys(byte[] current, byte[] previous, boolean generated) {
        this.current = current.clone();
        this.previous = previous == null ? null : previous.clone();
        this.generated = generated;
    }

    /** Signs with {@code current}, and accepts tokens signed with it or with {@code previous} (null for none). */
    public static NoticeSigningKeys of(byte[] current, byte[] previous) {
        return new NoticeSigningKeys(current, previous, false);
    }

    /**
     * A key drawn at random for this process alone, for a bidder run without {@code NOTICE_SIGNING_KEY}: its notices
     * verify on this process only, until it stops, and never on another task.
     */
    public static NoticeSigningKeys random() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return new NoticeSigningKeys(key, null, true);
    }

    /**
     * Reads a key written as hex (an even number of hex digits) or as base64, standard or web-safe, padded or not;
     * at least {@value #MIN_BYTES} bytes. The message of a refusal never quotes the value.
     *
     * @throws IllegalArgumentException when it is neither or too short
     */
    public static byte[] parse(String text) {
        byte[] key;
        if (HEX.matcher(text).matches()) {
            key = HexFormat.of().parseHex(text);
        } else {
            try {
                boolean webSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
                key = (webSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is neither hex nor base64; generate a key with"
                        + " `openssl rand -base64 32`");
            }
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("is " + key.length + " bytes; a key has at least " + MIN_BYTES
                    + " (`openssl rand -base64 32`)");
        }
        return key;
    }

    /** The one-byte id of {@code key}, 0 to 255. */
    public static int idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ID_LABEL);
            return sha256.digest(key)[0] & 0xFF;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
        }
    }

    /** The key new tokens are signed with. */
    byte[] current() {
        return current;
    }

    /** The key tokens signed before a rotation are still accepted with, or null. */
    byte[] previous() {
        return previous;
    }

    /** Whether the key was {@link #random() drawn for this process} because none was configured. */
    public boolean generated() {
        return generated;
    }

    /** The ids only: the keys are secrets. */
    @Override
    public String toString() {
        return "NoticeSigningKeys[current id " + idOf(current) + (previous == null ? "" : ", previous id "
                + idOf(previous)) + (generated ? ", generated" : "") + "]";
    }
}
