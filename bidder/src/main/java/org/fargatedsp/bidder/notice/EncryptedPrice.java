package org.fargatedsp.bidder.notice;

import io.netty.util.concurrent.FastThreadLocal;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One exchange's encrypted clearing prices, in the scheme Google Ad Manager documents ("Decrypt price
 * confirmations") and OpenX and others use: 28 bytes in web-safe base64 (38 characters unpadded, 40 padded), a
 * 16-byte initialization vector, the 8-byte price XOR {@code HMAC-SHA1(e_key, iv)[0..8]}, and a 4-byte signature
 * {@code HMAC-SHA1(i_key, price || iv)[0..4]}. The price is a big-endian long of micros: CPM micros for Google
 * ({@link Unit#CPM}), CPI micros, a thousandth of that, for OpenX ({@link Unit#CPI}). Thread-safe.
 */
public final class EncryptedPrice {
    /** What the decrypted number counts. */
    public enum Unit {
        /** Micros of CPM, the price of a thousand impressions (Google). */
        CPM(1),
        /** Micros of the price of one impression (OpenX): $1 CPM is 1,000 of them. */
        CPI(1000);

        private final long toCpmMicros;

        Unit(long toCpmMicros) {
            this.toCpmMicros = toCpmMicros;
        }
    }

    static final int BYTES = 28;
    private static final int IV_BYTES = 16;
    private static final int PRICE_BYTES = 8;
    private static final int SIGNATURE_BYTES = 4;
    private static final int UNPADDED_CHARS = 38;
    /** Exchange names as the bid path takes them. */
    private static final Pattern EXCHANGE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_KEY_BYTES = 16;

    private final byte[] encryptionKey;
    private final byte[] integrityKey;
    private final Unit unit;
    private final FastThreadLocal<Mac[]> macs = new FastThreadLocal<>() {
        @Override
        protected Mac[] initialValue() {
            return new Mac[] {hmacSha1(encryptionKey), hmacSha1(integrityKey)};
        }
    };

    EncryptedPrice(byte[] encryptionKey, byte[] integrityKey, Unit unit) {
        this.encryptionKey = encryptionKey.clone();
        this.integrityKey = integrityKey.clone();
        this.unit = unit;
    }

    /**
     * Reads {@code NOTICE_PRICE_KEYS}: {@code exchange:e_key:i_key} entries, comma-separated, each with an optional
     * {@code :cpm} (the default) or {@code :cpi} after the keys; keys in base64 as the exchange gives them (web-safe
     * or standard, padded or not). A refusal names the entry and the exchange, never a key.
     *
     * @throws IllegalArgumentException listing every bad entry
     */
    public static Map<String, EncryptedPrice> parseKeys(String spec) {
        Map<String, EncryptedPrice> byExchange = new LinkedHashMap<>();
        StringBuilder problems = new StringBuilder();
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].trim().split(":", -1);
            String exchange = parts[0].trim();
            String where = "entry " + (i + 1) + (EXCHANGE.matcher(exchange).matches() ? " (" + exchange + ")" : "");
            String problem = null;
            if (parts.length < 3 || parts.length > 4) {
                problem = "is not exchange:e_key:i_key[:cpm|cpi]";
            } else if (!EXCHANGE.matcher(exchange).matches()) {
                problem = "names no exchange (letters, digits, '.', '_', '-', as in /openrtb2/bid/{exchange})";
            } else if (byExchange.containsKey(exchange)) {
                problem = "repeats the exchange";
            } else if (parts.length == 4 && !parts[3].trim().matches("(?i)cpm|cpi")) {
                problem = "has a unit that is neither cpm nor cpi";
            } else {
                byte[] e = key(parts[1]);
                byte[] k = key(parts[2]);
                if (e == null || k == null) {
                    problem = "has a key that is not base64 of at least " + MIN_KEY_BYTES + " bytes";
                } else {
                    Unit unit = parts.length == 4 ? Unit.valueOf(parts[3].trim().toUpperCase(Locale.ROOT)) : Unit.CPM;
                    byExchange.put(exchange, new EncryptedPrice(e, k, unit));
                }
            }
            if (problem != null) {
                problems.append(problems.length() == 0 ? "" : "; ").append(where).append(' ').append(problem);
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.toString());
        }
        return Map.copyOf(byExchange);
    }

    /** Whether {@code text} has the shape of an encrypted price: 38 web-safe base64 characters, or 40 padded. */
    static boolean looksEncrypted(String text) {
        return (text.length() == UNPADDED_CHARS || (text.length() == UNPADDED_CHARS + 2 && text.endsWith("==")))
                && WebSafeBase64.inAlphabet(text.subSequence(0, UNPADDED_CHARS));
    }

    /**
     * The CPM micros {@code text} (of {@link #looksEncrypted that shape}) encrypts.
     *
     * @throws NoticeRejectedException reason {@code price_integrity} when its signature does not match: it was
     *     altered, or encrypted with other keys
     */
    long cpmMicros(String text) {
        byte[] b = new byte[BYTES];
        if (WebSafeBase64.decode(text.subSequence(0, UNPADDED_CHARS), b) != BYTES) {
            throw integrity();
        }
        Mac[] mac = macs.get();
        byte[] pad = hmac(mac[0], b, 0, IV_BYTES);
        byte[] price = new byte[PRICE_BYTES + IV_BYTES];
        for (int i = 0; i < PRICE_BYTES; i++) {
            price[i] = (byte) (b[IV_BYTES + i] ^ pad[i]);
        }
        System.arraycopy(b, 0, price, PRICE_BYTES, IV_BYTES);
        byte[] signature = hmac(mac[1], price, 0, price.length);
        if (!HmacSha256.constantTimeEquals(signature, 0, b, IV_BYTES + PRICE_BYTES, SIGNATURE_BYTES)) {
            throw integrity();
        }
        long micros = 0;
        for (int i = 0; i < PRICE_BYTES; i++) {
            micros = micros << 8 | (price[i] & 0xFF);
        }
        if (micros < 0 || micros > Long.MAX_VALUE / unit.toCpmMicros) {
            throw integrity();
        }
        return micros * unit.toCpmMicros;
    }

    private static NoticeRejectedException integrity() {
        return new NoticeRejectedException(NoticeRejection.PRICE_INTEGRITY, "the encrypted price fails its"
                + " integrity check (altered, or encrypted with other keys than NOTICE_PRICE_KEYS holds)");
    }

    private static byte[] hmac(Mac mac, byte[] data, int off, int len) {
        mac.update(data, off, len);
        return mac.doFinal();
    }

    private static byte[] key(String text) {
        String t = text.trim();
        try {
            boolean webSafe = t.indexOf('-') >= 0 || t.indexOf('_') >= 0;
            byte[] key = (webSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
            return key.length >= MIN_KEY_BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Mac hmacSha1(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA1", e);
        }
    }

    /** The unit only: the keys are secrets. */
    @Override
    public String toString() {
        return "EncryptedPrice[" + unit.name().toLowerCase(Locale.ROOT) + "]";
    }
}
