package org.fargatedsp.bidder.notice;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Reads a notice from its URL's query: {@code tk}, the token that signs the bid ({@link NoticeToken}), {@code p}
 * the price the exchange substituted for {@code ${AUCTION_PRICE}} (plain CPM or {@link EncryptedPrice encrypted})
 * and {@code l} its {@code ${AUCTION_LOSS}} code; other parameters are ignored. A notice that cannot be read is a
 * {@link BadRequestException} (400); one the bidder did not sign, or whose price it cannot take, a
 * {@link NoticeRejectedException} (403). Each value is at most {@value #MAX_VALUE_CHARS} characters, as it goes to
 * the bid log and into the dedupe key.
 */
final class NoticeParser {
    /**
     * The longest value of a parameter and of an id the token holds (README, "Notices"): our bid ids are 20
     * characters, and the request and impression ids the bid request carried, and the campaign and creative ids of
     * the campaign file, are held to the same length. A longer one is refused with 400 before it is logged, echoed
     * or hashed.
     */
    static final int MAX_VALUE_CHARS = Campaign.MAX_ID_CHARS;
    private static final BigDecimal MAX_CPM = new BigDecimal("100000");

    private final NoticeVerifier verifier;
    private final Map<String, EncryptedPrice> prices;

    NoticeParser(NoticeVerifier verifier, Map<String, EncryptedPrice> prices) {
        this.verifier = verifier;
        this.prices = prices;
    }

    Notice parse(Notice.Type type, String uri, long nowMillis) {
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(uri).parameters();
        } catch (IllegalArgumentException e) {
            // A broken percent-escape such as %zz (RFC 3986, 2.1) is the client's error, not ours.
            throw new BadRequestException(BadRequestException.Kind.BAD_HTTP,
                    "malformed query: " + e.getMessage());
        }
        String token = single(params, "tk", NoticeToken.MAX_CHARS);
        if (token == null || token.isEmpty()) {
            throw new NoticeRejectedException(NoticeRejection.UNSIGNED, "the notice carries no token (tk): it is"
                    + " not one this bidder signed");
        }
        SignedBid bid = verifier.verify(token, nowMillis);
        bounded("the request id", bid.requestId());
        bounded("the impression id", bid.impId());
        bounded("the campaign id", bid.campaignId());
        bounded("the creative id", bid.creativeId());
        bounded("the deal id", bid.dealId());
        long price = price(type, single(params, "p", MAX_VALUE_CHARS), bid);
        int lossReason = -1;
        String loss = single(params, "l", MAX_VALUE_CHARS);
        if (type == Notice.Type.LOSS && loss != null && !loss.startsWith("${")) {
            lossReason = (int) whole("l", loss, Integer.MAX_VALUE);
        }
        return new Notice(type, bid.bidId(), bid.requestId(), bid.impId(), bid.campaignId(), bid.creativeId(),
                bid.dealId(), bid.exchange(), bid.currency(), bid.bidPriceMicros(), price, lossReason,
                bid.bidTimeSeconds() * 1000);
    }

    /**
     * The clearing price in CPM micros, or -1 on a loss notice without one. Required on a win or billing notice,
     * encrypted when the bid's exchange has {@code NOTICE_PRICE_KEYS}, and at most the bid.
     */
    private long price(Notice.Type type, String text, SignedBid bid) {
        if (text == null || text.startsWith("${")) {
            if (type == Notice.Type.LOSS) {
                return -1;
            }
            throw text == null
                    ? new BadRequestException(BadRequestException.Kind.MISSING_FIELD,
                            "p (the clearing price) is required on a " + type.tag() + " notice")
                    : new BadRequestException(BadRequestException.Kind.WRONG_TYPE, "p is the unsubstituted macro "
                            + text + "; the exchange must replace it with the price");
        }
        EncryptedPrice keys = bid.exchange() == null ? null : prices.get(bid.exchange());
        long micros;
        if (EncryptedPrice.looksEncrypted(text)) {
            if (keys == null) {
                throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE, "p is an encrypted price, but "
                        + (bid.exchange() == null ? "the bid came through /openrtb2/bid, which names no exchange"
                                : "NOTICE_PRICE_KEYS has no keys for exchange " + bid.exchange()));
            }
            micros = keys.cpmMicros(text);
        } else {
            micros = cpmMicros(text);
            if (keys != null) {
                throw new NoticeRejectedException(NoticeRejection.PRICE_INTEGRITY, "exchange " + bid.exchange()
                        + " encrypts its prices (NOTICE_PRICE_KEYS): a plain price is not taken");
            }
        }
        if (micros > bid.bidPriceMicros()) {
            // No auction clears above the bid: this price was altered or forged, and would inflate spend.
            throw new NoticeRejectedException(NoticeRejection.PRICE, "the clearing price " + cpm(micros)
                    + " is above the bid " + cpm(bid.bidPriceMicros()));
        }
        return micros;
    }

    private static void bounded(String what, String value) {
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, what + " is " + value.length()
                    + " characters long; at most " + MAX_VALUE_CHARS);
        }
    }

    private static String single(Map<String, List<String>> params, String name, int maxChars) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE, name + " is given more than once");
        }
        String value = values.get(0);
        if (value.length() > maxChars) {
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, name + " is " + value.length()
                    + " characters long; at most " + maxChars);
        }
        return value;
    }

    private static long cpmMicros(String text) {
        try {
            BigDecimal cpm = new BigDecimal(text);
            if (cpm.signum() < 0 || cpm.compareTo(MAX_CPM) > 0) {
                throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                        "p " + text + " is not a CPM between 0 and " + MAX_CPM);
            }
            return cpm.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE,
                    "p \"" + text + "\" is not a decimal price");
        }
    }

    private static String cpm(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    private static long whole(String name, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > max) {
                throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, name + " " + text
                        + " is out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE,
                    name + " \"" + text + "\" is not a whole number");
        }
    }
}
