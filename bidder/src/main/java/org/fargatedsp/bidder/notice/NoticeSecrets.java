package org.fargatedsp.bidder.notice;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * The notices' secrets, read from the environment (README, "Notices"): the keys tokens are signed and verified
 * with, and the exchanges' price keys. None is ever logged or quoted in a configuration problem.
 *
 * @param signing {@code NOTICE_SIGNING_KEY} and {@code NOTICE_SIGNING_KEY_PREVIOUS}, or a key drawn for this
 *     process when neither is set outside ECS ({@link NoticeSigningKeys#generated()})
 * @param prices each exchange's price keys, by the exchange name of its bid path
 */
public record NoticeSecrets(NoticeSigningKeys signing, Map<String, EncryptedPrice> prices) {
    public static final Key<byte[]> SIGNING_KEY = signingKey("NOTICE_SIGNING_KEY")
            .documentedDefault("a random key per process; required on ECS")
            .doc("Secret that signs notice tokens: 32 or more bytes, in base64 or hex (`openssl rand -base64 32`)."
                    + " Every task of a service must share it, so on ECS (`ECS_CONTAINER_METADATA_URI_V4` set) an"
                    + " unset key is a configuration error; elsewhere the bidder draws one for the process and logs a"
                    + " WARN: its notices then verify on that process only, until it stops. Pass it as a secret"
                    + " ([rotation](#rotating-the-signing-key)).");
    public static final Key<byte[]> SIGNING_KEY_PREVIOUS = signingKey("NOTICE_SIGNING_KEY_PREVIOUS")
            .doc("The key before a rotation: tokens it signed are still accepted, for at least"
                    + " `NOTICE_DEDUPE_TTL_MS`; new ones are signed with `NOTICE_SIGNING_KEY` only. Secret.");
    public static final Key<Map<String, EncryptedPrice>> PRICE_KEYS = Key.of("NOTICE_PRICE_KEYS",
            EncryptedPrice::parseKeys, keys -> String.join(",", keys.keySet())).secret()
            .doc("[Encrypted prices](#encrypted-prices): `exchange:e_key:i_key` entries, comma-separated,"
                    + " the keys in base64 as the exchange gives them; `:cpi` after the keys for an exchange that"
                    + " encrypts CPI micros (OpenX) rather than CPM micros (Google). The exchange is the name of its"
                    + " bid path, `/openrtb2/bid/{exchange}`. Secret.");

    /** Every notice secret, in the order of the README's table. */
    public static final List<Key<?>> KEYS = List.of(SIGNING_KEY, SIGNING_KEY_PREVIOUS, PRICE_KEYS);

    /**
     * The secrets {@code r} reads; a bad or missing value is one more of its problems.
     *
     * @param onEcs whether the bidder runs as an ECS task, where every task must share one signing key
     */
    public static NoticeSecrets read(ConfigReader r, boolean onEcs) {
        byte[] current = r.get(SIGNING_KEY);
        byte[] previous = r.get(SIGNING_KEY_PREVIOUS);
        Map<String, EncryptedPrice> prices = r.get(PRICE_KEYS);
        NoticeSigningKeys signing;
        if (current != null) {
            signing = NoticeSigningKeys.of(current, previous);
        } else {
            if (!r.isSet(SIGNING_KEY) && r.isSet(SIGNING_KEY_PREVIOUS)) {
                r.problem(SIGNING_KEY_PREVIOUS.name() + " is set without " + SIGNING_KEY.name()
                        + ": a rotation keeps the old key there and puts the new one in " + SIGNING_KEY.name());
            } else if (!r.isSet(SIGNING_KEY) && onEcs) {
                r.problem(SIGNING_KEY.name() + " is not set: on ECS every task must sign notices with the same key,"
                        + " passed as a secret (README, \"Notices\")");
            }
            signing = NoticeSigningKeys.random();
        }
        return new NoticeSecrets(signing, prices == null ? Map.of() : prices);
    }

    private static Key<byte[]> signingKey(String name) {
        return Key.of(name, NoticeSigningKeys::parse, HexFormat.of()::formatHex).secret();
    }
}
