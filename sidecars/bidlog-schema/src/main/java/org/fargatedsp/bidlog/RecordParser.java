package org.fargatedsp.bidlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one JSON line into a record: skips fields it does not know (a newer writer may add some), rejects a
 * line that lacks a required field or holds a value of the wrong type, naming the field.
 */
final class RecordParser {
    private static final String[] NO_STRINGS = new String[0];
    private static final BidEntry[] NO_BIDS = new BidEntry[0];

    private RecordParser() {}

    /** The fields of one line as read; boxed so that an absent field can be told from a present one. */
    private static final class Values {
        Long schemaVersion;
        String type;
        Long ts;
        String requestId;
        String exchange;
        List<String> impIds;
        String outcome;
        String reason;
        List<BidEntry> bids;
        Long processingUs;
        Boolean test;
        String taskId;
        String version;
        String impId;
        String bidId;
        String campaignId;
        String creativeId;
        Long priceMicros;
        String cur;
        Long lossReason;
    }

    static BidLogRecord parse(String line) {
        try (JsonParser p = Json.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Values v = new Values();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                readField(p, name, v);
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the JSON object");
            }
            return build(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable line: " + e.getMessage(), e);
        }
    }

    private static void readField(JsonParser p, String name, Values v) throws IOException {
        switch (name) {
            case Fields.SCHEMA_VERSION -> v.schemaVersion = integer(p, name);
            case Fields.TYPE -> v.type = text(p, name);
            case Fields.TS -> v.ts = integer(p, name);
            case Fields.REQUEST_ID -> v.requestId = text(p, name);
            case Fields.EXCHANGE -> v.exchange = text(p, name);
            case Fields.IMP_IDS -> v.impIds = strings(p, name);
            case Fields.OUTCOME -> v.outcome = text(p, name);
            case Fields.REASON -> v.reason = text(p, name);
            case Fields.BIDS -> v.bids = bids(p);
            case Fields.PROCESSING_US -> v.processingUs = integer(p, name);
            case Fields.TEST -> v.test = bool(p, name);
            case Fields.TASK_ID -> v.taskId = text(p, name);
            case Fields.VERSION -> v.version = text(p, name);
            case Fields.IMP_ID -> v.impId = text(p, name);
            case Fields.BID_ID -> v.bidId = text(p, name);
            case Fields.CAMPAIGN_ID -> v.campaignId = text(p, name);
            case Fields.CREATIVE_ID -> v.creativeId = text(p, name);
            case Fields.PRICE -> v.priceMicros = price(p, name);
            case Fields.CUR -> v.cur = text(p, name);
            case Fields.LOSS_REASON -> v.lossReason = integer(p, name);
            default -> p.skipChildren();
        }
    }

    private static BidLogRecord build(Values v) {
        long schemaVersion = required(v.schemaVersion, Fields.SCHEMA_VERSION);
        if (schemaVersion < 1 || schemaVersion > BidLogRecord.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version " + schemaVersion + " is not supported (this reader"
                    + " reads 1 to " + BidLogRecord.SCHEMA_VERSION + ")");
        }
        String typeCode = required(v.type, Fields.TYPE);
        RecordType type = RecordType.fromCode(typeCode);
        if (type == null) {
            throw new IllegalArgumentException("unknown type \"" + typeCode + "\"");
        }
        long ts = required(v.ts, Fields.TS);
        String taskId = required(v.taskId, Fields.TASK_ID);
        String version = required(v.version, Fields.VERSION);
        if (type == RecordType.BID) {
            String outcomeCode = required(v.outcome, Fields.OUTCOME);
            Outcome outcome = Outcome.fromCode(outcomeCode);
            if (outcome == null) {
                throw new IllegalArgumentException("unknown outcome \"" + outcomeCode + "\"");
            }
            // A no-bid to a request shed unread has no request id; the record checks that a bid has one.
            if (outcome == Outcome.BID) {
                required(v.requestId, Fields.REQUEST_ID);
            }
            return new BidRecord(ts, v.requestId, v.exchange, required(v.impIds, Fields.IMP_IDS).toArray(NO_STRINGS),
                    outcome, v.reason, required(v.bids, Fields.BIDS).toArray(NO_BIDS),
                    required(v.processingUs, Fields.PROCESSING_US), required(v.test, Fields.TEST), taskId, version);
        }
        long price = v.priceMicros == null ? NoticeRecord.NO_PRICE : v.priceMicros;
        int lossReason = v.lossReason == null ? NoticeRecord.NO_LOSS_REASON : toInt(v.lossReason, Fields.LOSS_REASON);
        return new NoticeRecord(type, ts, required(v.requestId, Fields.REQUEST_ID), required(v.impId, Fields.IMP_ID),
                required(v.bidId, Fields.BID_ID),
                required(v.campaignId, Fields.CAMPAIGN_ID), required(v.creativeId, Fields.CREATIVE_ID), price, v.cur,
                lossReason, taskId, version);
    }

    private static List<BidEntry> bids(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, Fields.BIDS, "an array");
        List<BidEntry> bids = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, Fields.BIDS, "an array of objects");
            String impId = null;
            String bidId = null;
            String seat = null;
            String campaignId = null;
            String creativeId = null;
            String dealId = null;
            Long priceMicros = null;
            String cur = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case Fields.IMP_ID -> impId = text(p, name);
                    case Fields.BID_ID -> bidId = text(p, name);
                    case Fields.SEAT -> seat = text(p, name);
                    case Fields.CAMPAIGN_ID -> campaignId = text(p, name);
                    case Fields.CREATIVE_ID -> creativeId = text(p, name);
                    case Fields.DEAL_ID -> dealId = text(p, name);
                    case Fields.PRICE -> priceMicros = price(p, name);
                    case Fields.CUR -> cur = text(p, name);
                    default -> p.skipChildren();
                }
            }
            bids.add(new BidEntry(required(impId, "bids[].imp_id"), required(bidId, "bids[].bid_id"), seat,
                    required(campaignId, "bids[].campaign_id"), required(creativeId, "bids[].creative_id"), dealId,
                    required(priceMicros, "bids[].price"), required(cur, "bids[].cur")));
        }
        return bids;
    }

    private static List<String> strings(JsonParser p, String name) throws IOException {
        expect(p, JsonToken.START_ARRAY, name, "an array of strings");
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.VALUE_STRING, name, "an array of strings");
            values.add(p.getText());
        }
        return values;
    }

    private static String text(JsonParser p, String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.VALUE_STRING, name, "a string");
        return p.getText();
    }

    private static Long integer(JsonParser p, String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.VALUE_NUMBER_INT, name, "an integer");
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException(name + " is out of range: " + p.getText());
        }
        return p.getLongValue();
    }

    private static Boolean bool(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException(name + " must be true or false, not " + p.getText());
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static Long price(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException(name + " must be a number, not " + p.getText());
        }
        return Prices.toMicros(p.getDecimalValue());
    }

    private static void expect(JsonParser p, JsonToken token, String name, String what) throws IOException {
        if (p.currentToken() != token) {
            throw new IllegalArgumentException(name + " must be " + what + ", not " + p.getText());
        }
    }

    private static int toInt(long value, String name) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is out of range: " + value);
        }
        return (int) value;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field " + name);
        }
        return value;
    }
}
