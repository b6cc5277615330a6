package org.fargatedsp.bidder.notice;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.openrtb.BadRequestException;

/**
 * Reads a notice from its URL's query: {@code b} bid id, {@code r} request id, {@code i} impression id,
 * {@code c} campaign, {@code cr} creative, {@code d} deal, {@code bp} our bid, {@code t} bid time, {@code p} the
 * price the exchange substituted for {@code ${AUCTION_PRICE}} and {@code l} its {@code ${AUCTION_LOSS}} code.
 * Each value is at most {@value #MAX_VALUE_CHARS} characters, since it goes to the bid log and into the dedupe key.
 */
final class NoticeParser {
    /**
     * The longest value of a parameter (README, "Notices"): our bid ids are 20 characters, and the request and
     * impression ids the bid request carried, and the campaign and creative ids of the campaign file, are held to
     * the same length. A longer one is refused with 400 before it is logged, echoed or hashed.
     */
    static final int MAX_VALUE_CHARS = Campaign.MAX_ID_CHARS;
    private static final BigDecimal MAX_CPM = new BigDecimal("100000");

    private NoticeParser() {}

    static Notice parse(Notice.Type type, String uri) {
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(uri).parameters();
        } catch (IllegalArgumentException e) {
            // A broken percent-escape such as %zz (RFC 3986, 2.1) is the client's error, not ours.
            throw new BadRequestException(BadRequestException.Kind.BAD_HTTP,
                    "malformed query: " + e.getMessage());
        }
        String bidId = required(params, "b");
        String campaignId = required(params, "c");
        String creativeId = required(params, "cr");
        String priceText = single(params, "p");
        long price = -1;
        if (priceText != null && !(type == Notice.Type.LOSS && priceText.startsWith("${"))) {
            price = cpmMicros("p", priceText);
        } else if (type != Notice.Type.LOSS) {
            throw new BadRequestException(BadRequestException.Kind.MISSING_FIELD,
                    "p (the clearing price) is required on a " + type.tag() + " notice");
        }
        String bidPriceText = single(params, "bp");
        long bidPrice = bidPriceText == null ? -1 : cpmMicros("bp", bidPriceText);
        if (bidPrice >= 0 && price > bidPrice) {
            // No auction clears above the bid: this notice was altered or forged, and would inflate spend.
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                    "p " + priceText + " is above the bid " + bidPriceText);
        }
        int lossReason = -1;
        String loss = single(params, "l");
        if (type == Notice.Type.LOSS && loss != null && !loss.startsWith("${")) {
            lossReason = (int) whole("l", loss, Integer.MAX_VALUE);
        }
        String time = single(params, "t");
        long bidTime = time == null ? -1 : whole("t", time, Long.MAX_VALUE);
        // The request and impression ids tie the notice to its bid in the bid log; every URL we send has them.
        String requestId = required(params, "r");
        String impId = required(params, "i");
        return new Notice(type, bidId, requestId, impId, campaignId, creativeId, single(params, "d"), bidPrice,
                price, lossReason, bidTime);
    }

    private static String required(Map<String, List<String>> params, String name) {
        String value = single(params, name);
        if (value == null || value.isEmpty()) {
            throw new BadRequestException(BadRequestException.Kind.MISSING_FIELD, name + " is required");
        }
        return value;
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE, name + " is given more than once");
        }
        String value = values.get(0);
        if (value.length() > MAX_VALUE_CHARS) {
            throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, name + " is " + value.length()
                    + " characters long; at most " + MAX_VALUE_CHARS);
        }
        return value;
    }

    private static long cpmMicros(String name, String text) {
        if (text.startsWith("${")) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE,
                    name + " is the unsubstituted macro " + text + "; the exchange must replace it with the price");
        }
        try {
            BigDecimal cpm = new BigDecimal(text);
            if (cpm.signum() < 0 || cpm.compareTo(MAX_CPM) > 0) {
                throw new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                        name + " " + text + " is not a CPM between 0 and " + MAX_CPM);
            }
            return cpm.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestException(BadRequestException.Kind.WRONG_TYPE,
                    name + " \"" + text + "\" is not a decimal price");
        }
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
