package org.fargatedsp.bidlog;

/**
 * One line of the bid log: a {@link BidRecord} per bid request or a {@link NoticeRecord} per win, billing or
 * loss notice. The fields every line shares are here; see {@code docs/bid-log.md} for the whole schema.
 */
public sealed interface BidLogRecord permits BidRecord, NoticeRecord {
    /** The schema version this code writes in the {@code schema_version} field of every line. */
    int SCHEMA_VERSION = 1;

    /** The {@code type} field. */
    RecordType type();

    /** When the bidder received the request or notice, in epoch milliseconds. */
    long ts();

    /** The OpenRTB {@code BidRequest.id} the line is about; null only for a bid request shed before it was read. */
    String requestId();

    /** The ECS task id (or, outside ECS, the host name) of the bidder that wrote the line. */
    String taskId();

    /** The bidder's version (its image tag). */
    String version();
}
