package org.fargatedsp.bidlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes bid-log records as JSON lines (one object, then {@code \n}) to an output stream with Jackson's streaming
 * generator. Not thread-safe: the bidder's single writer thread owns one.
 */
public final class BidLogEncoder implements Closeable {
    private final JsonGenerator gen;
    private final char[] priceChars = new char[28];

    /** An encoder writing UTF-8 to {@code out}; closing the encoder does not close {@code out}. */
    public BidLogEncoder(OutputStream out) throws IOException {
        this.gen = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** Writes one record as one line; bytes may stay buffered in the generator until {@link #flush()}. */
    public void write(BidLogRecord record) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(Fields.S_SCHEMA_VERSION);
        gen.writeNumber(BidLogRecord.SCHEMA_VERSION);
        gen.writeFieldName(Fields.S_TYPE);
        gen.writeString(record.type().code());
        gen.writeFieldName(Fields.S_TS);
        gen.writeNumber(record.ts());
        gen.writeFieldName(Fields.S_REQUEST_ID);
        gen.writeString(record.requestId());
        if (record instanceof BidRecord bid) {
            writeBidFields(bid);
        } else {
            writeNoticeFields((NoticeRecord) record);
        }
        gen.writeFieldName(Fields.S_TASK_ID);
        gen.writeString(record.taskId());
        gen.writeFieldName(Fields.S_VERSION);
        gen.writeString(record.version());
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    /** Pushes buffered bytes to the output stream. */
    public void flush() throws IOException {
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }

    private void writeBidFields(BidRecord r) throws IOException {
        gen.writeFieldName(Fields.S_EXCHANGE);
        gen.writeString(r.exchange());
        gen.writeFieldName(Fields.S_IMP_IDS);
        String[] impIds = r.impIds();
        gen.writeStartArray(impIds, impIds.length);
        for (String impId : impIds) {
            gen.writeString(impId);
        }
        gen.writeEndArray();
        gen.writeFieldName(Fields.S_OUTCOME);
        gen.writeString(r.outcome().code());
        gen.writeFieldName(Fields.S_REASON);
        gen.writeString(r.reason());
        gen.writeFieldName(Fields.S_BIDS);
        BidEntry[] bids = r.bids();
        gen.writeStartArray(bids, bids.length);
        for (BidEntry b : bids) {
            writeBid(b);
        }
        gen.writeEndArray();
        gen.writeFieldName(Fields.S_PROCESSING_US);
        gen.writeNumber(r.processingUs());
        gen.writeFieldName(Fields.S_TEST);
        gen.writeBoolean(r.test());
    }

    private void writeBid(BidEntry b) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(Fields.S_IMP_ID);
        gen.writeString(b.impId());
        gen.writeFieldName(Fields.S_BID_ID);
        gen.writeString(b.bidId());
        gen.writeFieldName(Fields.S_SEAT);
        gen.writeString(b.seat());
        gen.writeFieldName(Fields.S_CAMPAIGN_ID);
        gen.writeString(b.campaignId());
        gen.writeFieldName(Fields.S_CREATIVE_ID);
        gen.writeString(b.creativeId());
        gen.writeFieldName(Fields.S_DEAL_ID);
        gen.writeString(b.dealId());
        gen.writeFieldName(Fields.S_PRICE);
        writePrice(b.priceMicros());
        gen.writeFieldName(Fields.S_CUR);
        gen.writeString(b.cur());
        gen.writeEndObject();
    }

    private void writeNoticeFields(NoticeRecord n) throws IOException {
        gen.writeFieldName(Fields.S_IMP_ID);
        gen.writeString(n.impId());
        gen.writeFieldName(Fields.S_BID_ID);
        gen.writeString(n.bidId());
        gen.writeFieldName(Fields.S_CAMPAIGN_ID);
        gen.writeString(n.campaignId());
        gen.writeFieldName(Fields.S_CREATIVE_ID);
        gen.writeString(n.creativeId());
        gen.writeFieldName(Fields.S_PRICE);
        if (n.hasPrice()) {
            writePrice(n.priceMicros());
        } else {
            gen.writeNull();
        }
        gen.writeFieldName(Fields.S_CUR);
        gen.writeString(n.cur());
        gen.writeFieldName(Fields.S_LOSS_REASON);
        if (n.lossReason() == NoticeRecord.NO_LOSS_REASON) {
            gen.writeNull();
        } else {
            gen.writeNumber(n.lossReason());
        }
    }

    private void writePrice(long micros) throws IOException {
        gen.writeNumber(priceChars, 0, Prices.format(micros, priceChars));
    }
}
