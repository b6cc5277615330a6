package org.fargatedsp.bidlog;

/** The kinds of bid-log line, named by the {@code type} field. */
public enum RecordType {
    /** One per bid request, whatever its outcome. */
    BID("bid"),
    /** The exchange's win notice ({@code nurl}, OpenRTB 2.6 section 4.4). */
    WIN("win"),
    /** The exchange's billing notice ({@code burl}, OpenRTB 2.6 section 4.4). */
    BILLING("billing"),
    /** The exchange's loss notice ({@code lurl}, OpenRTB 2.6 section 4.4). */
    LOSS("loss");

    private final String code;

    RecordType(String code) {
        this.code = code;
    }

    /** The value written in the {@code type} field. */
    public String code() {
        return code;
    }

    /** The type written as {@code code}, or null when no type has that code. */
    public static RecordType fromCode(String code) {
        for (RecordType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
