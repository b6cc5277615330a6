package org.fargatedsp.bidder.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.auction.Explanation;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.auction.Rule;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;

/**
 * The bid check's answer as JSON, indented for people: {@code request}, {@code repairs}, {@code imps} (each with
 * its {@code campaigns} and {@code excluded_summary}), the no-bid reason, and the {@code response} the bidder would
 * have sent (null for a 204). Field names are snake_case like OpenRTB's.
 */
final class CheckReport {
    private CheckReport() {}

    /** The report of a request the bidder reads. */
    static byte[] of(BidRequest request, List<Repair> repairs, Explanation explanation, NoBidReason reason,
            JsonNode response) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("request").put("id", request.id()).put("valid", true);
        repairs(root, repairs);
        ArrayNode imps = root.putArray("imps");
        for (Explanation.Imp imp : explanation.imps()) {
            imps.add(imp(imp));
        }
        if (explanation.unnamed() > 0) {
            root.putArray("warnings").add("the check and the auction's index disagreed " + explanation.unnamed()
                    + " times; the response is the auction's. Please report this request.");
        }
        if (reason != null) {
            root.put("no_bid_reason", reason.tag());
        }
        root.set("response", response);
        return write(root);
    }

    /**
     * The report of a request the bidder refuses: its reason, the status {@code /openrtb2/bid} answers, and the
     * repairs, the refusal last.
     */
    static byte[] refused(BadRequestException e, int status, List<Repair> repairs) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("request").put("id", e.requestId()).put("valid", false).put("status", status)
                .put("kind", e.kind().tag()).put("error", e.getMessage());
        repairs(root, repairs);
        root.putArray("imps");
        root.putNull("response");
        return write(root);
    }

    private static void repairs(ObjectNode root, List<Repair> repairs) {
        ArrayNode array = root.putArray("repairs");
        for (Repair repair : repairs) {
            array.addObject().put("imp", repair.imp()).put("field", repair.field()).put("action", repair.action())
                    .put("detail", repair.detail());
        }
    }

    private static ObjectNode imp(Explanation.Imp imp) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", imp.id()).put("biddable", imp.biddable());
        if (imp.reason() != null) {
            node.put("reason", imp.reason());
        }
        ArrayNode campaigns = node.putArray("campaigns");
        for (Explanation.CampaignOutcome c : imp.campaigns()) {
            ObjectNode campaign = campaigns.addObject().put("id", c.campaignId()).put("bid", c.bid());
            if (!c.bid()) {
                campaign.put("rule", c.rule().tag());
            }
            campaign.put("price", price(c.priceMicros()));
            optional(campaign, "creative", c.creativeId());
            optional(campaign, "media", c.media());
            optional(campaign, "deal", c.dealId());
            optional(campaign, "detail", c.detail());
            if (!c.creatives().isEmpty()) {
                ArrayNode creatives = campaign.putArray("creatives");
                for (Explanation.CreativeOutcome cr : c.creatives()) {
                    ObjectNode creative = creatives.addObject().put("creative", cr.creativeId())
                            .put("media", cr.media());
                    optional(creative, "deal", cr.dealId());
                    creative.put("bid", cr.rule() == Rule.WON);
                    if (cr.rule() != Rule.WON) {
                        creative.put("rule", cr.rule().tag());
                    }
                    optional(creative, "detail", cr.detail());
                }
            }
        }
        if (imp.unlisted() > 0) {
            node.put("unlisted", imp.unlisted());
        }
        ObjectNode summary = node.putObject("excluded_summary");
        for (Map.Entry<String, Integer> e : imp.excludedSummary().entrySet()) {
            summary.put(e.getKey(), e.getValue());
        }
        return node;
    }

    private static void optional(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** CPM as a JSON number, as a bid's {@code price} is written: 1200000 micros is 1.2. */
    private static double price(long micros) {
        return micros / 1_000_000d;
    }

    private static byte[] write(ObjectNode root) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
