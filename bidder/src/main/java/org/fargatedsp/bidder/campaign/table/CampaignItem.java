package org.fargatedsp.bidder.campaign.table;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fargatedsp.bidder.campaign.CampaignFile;
import org.fargatedsp.bidder.campaign.CampaignFile.CampaignJson;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One campaign's item in the campaign table (README, "Campaigns in DynamoDB"): the campaign's id (the partition
 * key), its status, the campaign itself as JSON in the campaign file's schema, and when it was last written. The
 * status is the item's, not the JSON's: pausing or deleting a campaign is a write of one attribute, and a deleted
 * campaign stays as a tombstone so that a refresh that reads only changes sees it go.
 *
 * @param campaign the campaign's JSON, or null in a tombstone
 * @param updatedAtMillis when it was last written (epoch milliseconds), or {@link #NO_UPDATED_AT}
 */
public record CampaignItem(String id, Status status, String campaign, long updatedAtMillis) {
    public static final String ID = "id";
    public static final String STATUS = "status";
    public static final String CAMPAIGN = "campaign";
    public static final String UPDATED_AT = "updated_at";
    /** The partition key of the index of changes; present, with {@link #GSI_PK_VALUE}, on every item written. */
    public static final String GSI_PK = "gsi_pk";
    /** The one value of {@link #GSI_PK}: the whole index is one partition, so one Query finds every change. */
    public static final String GSI_PK_VALUE = "campaign";
    /** An item without {@link #UPDATED_AT}, written by hand: only full reads see it change. */
    public static final long NO_UPDATED_AT = -1;
    /** DynamoDB's largest item, attribute names and values together (Developer Guide, "Quotas", item size). */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    /** What a number attribute can take at most: 38 digits of precision in about 21 bytes. */
    private static final int NUMBER_BYTES = 21;

    /** A campaign's status, as the item's {@code status} attribute writes it in lower case. */
    public enum Status {
        ACTIVE, PAUSED, DELETED;

        public String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String attribute) {
            for (Status s : values()) {
                if (s.attribute().equals(attribute)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status \"" + attribute + "\" is not active, paused or deleted");
        }
    }

    /**
     * The item that holds {@code json}, a valid campaign, written at {@code nowMillis}: its status goes to the item's
     * attribute, the rest to the JSON.
     */
    public static CampaignItem holding(CampaignJson json, long nowMillis) {
        Status status = json.status() == null ? Status.ACTIVE : Status.of(json.status());
        return new CampaignItem(json.id(), status, CampaignFile.compactJson(json.withStatus(null)), nowMillis);
    }

    /**
     * The campaign as a campaign file writes it, with the item's status.
     *
     * @param source names the item in the problem, as in {@code dynamodb:T item ID}
     * @throws CampaignFileException when the JSON is not a campaign's
     */
    public CampaignJson campaignJson(String source) {
        return CampaignFile.parseCampaign(campaign, source).withStatus(status.attribute());
    }

    /** Whether {@code other} says the same of the same campaign, whenever each was written. */
    public boolean sameCampaign(CampaignItem other) {
        return id.equals(other.id) && status == other.status && Objects.equals(campaign, other.campaign);
    }

    /** The item that marks campaign {@code id} deleted at {@code nowMillis}. */
    public static CampaignItem tombstone(String id, long nowMillis) {
        return new CampaignItem(id, Status.DELETED, null, nowMillis);
    }

    /**
     * Reads an item as DynamoDB returns it. An item without {@code status} is active.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static CampaignItem read(Map<String, AttributeValue> item) {
        String id = string(item, ID);
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("it has no string attribute \"id\"");
        }
        String statusText = string(item, STATUS);
        Status status = statusText == null ? Status.ACTIVE : Status.of(statusText);
        String campaign = string(item, CAMPAIGN);
        if (campaign == null && status != Status.DELETED) {
            throw new IllegalArgumentException("it has no string attribute \"campaign\", the campaign's JSON");
        }
        long updatedAt = NO_UPDATED_AT;
        AttributeValue at = item.get(UPDATED_AT);
        if (at != null) {
            try {
                updatedAt = Long.parseLong(at.n());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"updated_at\" is not a number of epoch milliseconds: " + at);
            }
        }
        return new CampaignItem(id, status, campaign, updatedAt);
    }

    /** The id of a raw item, for reporting one that {@link #read} refuses; "?" when it has none. */
    public static String idOf(Map<String, AttributeValue> item) {
        String id = string(item, ID);
        return id == null || id.isEmpty() ? "?" : id;
    }

    /** The item to write: every attribute, with the index's key so that a refresh reading changes finds it. */
    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(id));
        item.put(STATUS, AttributeValue.fromS(status.attribute()));
        if (campaign != null) {
            item.put(CAMPAIGN, AttributeValue.fromS(campaign));
        }
        if (updatedAtMillis != NO_UPDATED_AT) {
            item.put(UPDATED_AT, AttributeValue.fromN(Long.toString(updatedAtMillis)));
            item.put(GSI_PK, AttributeValue.fromS(GSI_PK_VALUE));
        }
        return item;
    }

    /** The item's size as DynamoDB counts it against {@link #MAX_ITEM_BYTES}: names and values in UTF-8, high. */
    public int sizeBytes() {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : toItem().entrySet()) {
            size += utf8(attribute.getKey());
            AttributeValue value = attribute.getValue();
            size += value.s() != null ? utf8(value.s()) : NUMBER_BYTES;
        }
        return size;
    }

    /** The same campaign written again at {@code nowMillis}. */
    public CampaignItem writtenAt(long nowMillis) {
        return new CampaignItem(id, status, campaign, nowMillis);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
