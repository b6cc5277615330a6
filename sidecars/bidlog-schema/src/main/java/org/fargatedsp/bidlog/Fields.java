package org.fargatedsp.bidlog;

import com.fasterxml.jackson.core.io.SerializedString;

/** The field names of the schema, in one place for the encoder and the reader (snake_case, for Athena/Hive). */
final class Fields {
    private Fields() {}

    static final String SCHEMA_VERSION = "schema_version";
    static final String TYPE = "type";
    static final String TS = "ts";
    static final String REQUEST_ID = "request_id";
    static final String EXCHANGE = "exchange";
    static final String IMP_IDS = "imp_ids";
    static final String OUTCOME = "outcome";
    static final String REASON = "reason";
    static final String BIDS = "bids";
    static final String PROCESSING_US = "processing_us";
    static final String TEST = "test";
    static final String TASK_ID = "task_id";
    static final String VERSION = "version";
    static final String IMP_ID = "imp_id";
    static final String BID_ID = "bid_id";
    static final String SEAT = "seat";
    static final String CAMPAIGN_ID = "campaign_id";
    static final String CREATIVE_ID = "creative_id";
    static final String DEAL_ID = "deal_id";
    static final String PRICE = "price";
    static final String CUR = "cur";
    static final String LOSS_REASON = "loss_reason";

    // Pre-encoded names: the generator copies their UTF-8 bytes instead of escaping the name on every line.
    static final SerializedString S_SCHEMA_VERSION = new SerializedString(SCHEMA_VERSION);
    static final SerializedString S_TYPE = new SerializedString(TYPE);
    static final SerializedString S_TS = new SerializedString(TS);
    static final SerializedString S_REQUEST_ID = new SerializedString(REQUEST_ID);
    static final SerializedString S_EXCHANGE = new SerializedString(EXCHANGE);
    static final SerializedString S_IMP_IDS = new SerializedString(IMP_IDS);
    static final SerializedString S_OUTCOME = new SerializedString(OUTCOME);
    static final SerializedString S_REASON = new SerializedString(REASON);
    static final SerializedString S_BIDS = new SerializedString(BIDS);
    static final SerializedString S_PROCESSING_US = new SerializedString(PROCESSING_US);
    static final SerializedString S_TEST = new SerializedString(TEST);
    static final SerializedString S_TASK_ID = new SerializedString(TASK_ID);
    static final SerializedString S_VERSION = new SerializedString(VERSION);
    static final SerializedString S_IMP_ID = new SerializedString(IMP_ID);
    static final SerializedString S_BID_ID = new SerializedString(BID_ID);
    static final SerializedString S_SEAT = new SerializedString(SEAT);
    static final SerializedString S_CAMPAIGN_ID = new SerializedString(CAMPAIGN_ID);
    static final SerializedString S_CREATIVE_ID = new SerializedString(CREATIVE_ID);
    static final SerializedString S_DEAL_ID = new SerializedString(DEAL_ID);
    static final SerializedString S_PRICE = new SerializedString(PRICE);
    static final SerializedString S_CUR = new SerializedString(CUR);
    static final SerializedString S_LOSS_REASON = new SerializedString(LOSS_REASON);
}
