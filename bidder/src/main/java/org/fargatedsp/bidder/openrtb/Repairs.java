package org.fargatedsp.bidder.openrtb;

import java.util.Arrays;

/**
 * What {@link BidRequestDecoder} repaired in one bid request: each value it coerced or dropped, by field and
 * impression, and the impressions it skipped (without a usable id, or repeating an earlier one's id). The decoded
 * request carries what the repairs cost ({@link BidRequest#unbiddable()}, {@link Imp#unbiddable()}); this says
 * what they were, for the metrics, the logs and whoever explains a request to an exchange.
 *
 * <p>One instance is reused request after request by one thread: the decoder clears it first. Nothing is allocated
 * while nothing is repaired. At most {@link #MAX_ENTRIES} repairs are kept one by one; beyond, they are still
 * counted by field ({@link #count}), so a request cannot make it grow without bound.
 */
public final class Repairs {
    /** Most repairs of one request kept one by one. */
    public static final int MAX_ENTRIES = 64;
    private static final RepairField[] FIELDS = RepairField.values();
    private static final Kind[] KINDS = Kind.values();

    /** What was done to a value. */
    public enum Kind {
        /** Read as the value it plainly is: {@code "728"} as 728, one value as a list of it, {@code ""} as absent. */
        COERCED("coerced"),
        /** Unreadable, so read as absent; its {@link RepairField.Scope} says what that cost. */
        DROPPED("dropped"),
        /** An impression whose id an earlier impression of the request has: skipped. */
        DUPLICATE("duplicate");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The value used in logs. */
        public String tag() {
            return tag;
        }
    }

    private int[] fields;
    private int[] kinds;
    private int[] imps;
    private int size;
    private boolean truncated;
    private int[] counts;
    private int duplicates;
    private int[] skipped;
    private int skippedCount;
    private boolean dirty;

    /** Position, in the request's {@code imp} array as sent, of the impression being read; -1 outside one. */
    private int imp = -1;
    private RepairField impUnbiddable;
    private boolean inDeal;
    private boolean dealUnusable;
    private RepairField requestUnbiddable;

    /** Forgets the last request's repairs; cheap when there were none. */
    void clear() {
        imp = -1;
        inDeal = false;
        if (!dirty) {
            return;
        }
        dirty = false;
        size = 0;
        truncated = false;
        duplicates = 0;
        skippedCount = 0;
        impUnbiddable = null;
        dealUnusable = false;
        requestUnbiddable = null;
        Arrays.fill(counts, 0);
    }

    /** True when nothing was repaired or skipped. */
    public boolean isEmpty() {
        return !dirty;
    }

    /** Repairs kept one by one, at most {@link #MAX_ENTRIES}. */
    public int size() {
        return size;
    }

    /** True when the request had more repairs than {@link #MAX_ENTRIES}: those beyond are only counted. */
    public boolean truncated() {
        return truncated;
    }

    public RepairField field(int i) {
        return FIELDS[fields[checked(i)]];
    }

    public Kind kind(int i) {
        return KINDS[kinds[checked(i)]];
    }

    /**
     * Position in the request's {@code imp} array as sent of repair {@code i}'s impression; -1 for a field of the
     * request's own.
     */
    public int imp(int i) {
        return imps[checked(i)];
    }

    /** Values of {@code field} coerced or dropped, over the whole request. */
    public int count(RepairField field) {
        return counts == null ? 0 : counts[field.ordinal()];
    }

    /** Impressions skipped because an earlier one of the request has the same id. */
    public int duplicateImps() {
        return duplicates;
    }

    /** Impressions skipped: not objects, without a usable id, or duplicates. */
    public int skippedImps() {
        return skippedCount;
    }

    /**
     * Position in the request's {@code imp} array as sent of the decoded impression {@code request.imp().get(index)}:
     * {@code index} itself unless impressions before it were skipped.
     */
    public int sentPosition(int index) {
        int position = index;
        for (int i = 0; i < skippedCount && skipped[i] <= position; i++) {
            position++;
        }
        return position;
    }

    /** The repairs kept, such as {@code imp[0].banner.w coerced, bcat dropped}, for a log line. */
    @Override
    public String toString() {
        if (size == 0) {
            return truncated ? "repairs not kept" : "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            String path = FIELDS[fields[i]].path();
            if (imps[i] >= 0) {
                out.append("imp[").append(imps[i]).append(']').append(path, 3, path.length());
            } else {
                out.append(path);
            }
            out.append(' ').append(KINDS[kinds[i]].tag());
        }
        if (truncated) {
            out.append(", and more");
        }
        return out.toString();
    }

    /** The impression at {@code position} in the {@code imp} array is being read. */
    void beginImp(int position) {
        imp = position;
        impUnbiddable = null;
    }

    /** The impression is read: the first of its fields whose loss makes it unbiddable, or null. */
    RepairField endImp() {
        RepairField unbiddable = impUnbiddable;
        imp = -1;
        impUnbiddable = null;
        return unbiddable;
    }

    void beginDeal() {
        inDeal = true;
        dealUnusable = false;
    }

    /** The deal is read: whether it can be bid on. */
    boolean endDeal() {
        inDeal = false;
        return !dealUnusable;
    }

    /** The first of the request's own fields whose loss makes every impression unbiddable, or null. */
    RepairField requestUnbiddable() {
        return requestUnbiddable;
    }

    void coerced(RepairField field) {
        add(field, Kind.COERCED, imp);
    }

    void dropped(RepairField field) {
        add(field, Kind.DROPPED, imp);
        switch (field.scope()) {
            case DEAL -> dealUnusable |= inDeal;
            case IMP -> {
                if (imp >= 0 && impUnbiddable == null) {
                    impUnbiddable = field;
                }
            }
            case REQUEST -> {
                if (requestUnbiddable == null) {
                    requestUnbiddable = field;
                }
            }
            case NONE -> {
                // Read as absent, and that is all.
            }
        }
    }

    /** The impression at {@code position}, whose repair was just recorded, is skipped. */
    void skippedImp(int position) {
        if (skipped == null) {
            skipped = new int[4];
        } else if (skippedCount == skipped.length) {
            skipped = Arrays.copyOf(skipped, skippedCount * 2);
        }
        skipped[skippedCount++] = position;
    }

    /** The impression at {@code position} repeats an earlier one's id, and is skipped. */
    void duplicateImp(int position) {
        add(RepairField.IMP_ID, Kind.DUPLICATE, position);
        duplicates++;
        skippedImp(position);
    }

    private void add(RepairField field, Kind kind, int impPosition) {
        if (!dirty) {
            dirty = true;
            if (counts == null) {
                counts = new int[FIELDS.length];
                fields = new int[8];
                kinds = new int[8];
                imps = new int[8];
            }
        }
        if (kind != Kind.DUPLICATE) {
            counts[field.ordinal()]++;
        }
        if (size == MAX_ENTRIES) {
            truncated = true;
            return;
        }
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
            imps = Arrays.copyOf(imps, size * 2);
        }
        fields[size] = field.ordinal();
        kinds[size] = kind.ordinal();
        imps[size] = impPosition;
        size++;
    }

    private int checked(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("repair " + i + " of " + size);
        }
        return i;
    }
}
