package org.fargatedsp.bidder.campaign;

/**
 * A reusable query over the index's entry bitsets: entries in every AND set, in at least one set of each OR
 * group, and in no NOT set. {@link #next(int)} evaluates it one 64-entry word at a time from a starting entry and
 * stops at the first match. Because entries are ordered by bid price, highest first, the first match that passes
 * the auction's per-entry checks is the best bid, and a typical request never looks past the first few words
 * however many campaigns are loaded.
 *
 * <p>One instance per event-loop thread; building and running a query allocates nothing.
 */
public final class EntryQuery {
    private static final int MAX_SETS = 256;
    private static final int MAX_MARKS = 4;

    private final long[][] and = new long[MAX_SETS][];
    private final long[][] members = new long[MAX_SETS][];
    private final int[] groupEnd = new int[MAX_SETS];
    private final long[][] not = new long[MAX_SETS][];
    private int andCount;
    private int memberCount;
    private int groupCount;
    private int notCount;
    private boolean impossible;
    private boolean groupHasMember;
    private int words;
    private int size;
    private boolean sawExcluded;
    private final int[] markAnd = new int[MAX_MARKS];
    private final int[] markMembers = new int[MAX_MARKS];
    private final int[] markGroups = new int[MAX_MARKS];
    private final int[] markNot = new int[MAX_MARKS];
    private final boolean[] markImpossible = new boolean[MAX_MARKS];
    private int markDepth;

    /** Starts a new query over {@code index}. */
    public void reset(CampaignIndex index) {
        this.size = index.size();
        this.words = Bitsets.words(size);
        andCount = 0;
        memberCount = 0;
        groupCount = 0;
        notCount = 0;
        impossible = size == 0;
        sawExcluded = false;
        markDepth = 0;
    }

    /** Requires membership of {@code bits}; null means the dimension constrains nothing. */
    public void and(long[] bits) {
        if (bits != null) {
            if (andCount == MAX_SETS) {
                impossible = true;
                return;
            }
            and[andCount++] = bits;
        }
    }

    /**
     * Remembers the query as it is now, so that {@link #restore()} can drop what is added after: the auction adds
     * the request's sets once, then each impression's, then each deal's, on top of one another.
     */
    public void mark() {
        int m = markDepth++;
        markAnd[m] = andCount;
        markMembers[m] = memberCount;
        markGroups[m] = groupCount;
        markNot[m] = notCount;
        markImpossible[m] = impossible;
    }

    /** Returns to the most recent {@link #mark()}, forgetting it. */
    public void restore() {
        int m = --markDepth;
        andCount = markAnd[m];
        memberCount = markMembers[m];
        groupCount = markGroups[m];
        notCount = markNot[m];
        impossible = markImpossible[m];
    }

    public void beginGroup() {
        groupHasMember = false;
    }

    public void or(long[] bits) {
        if (bits != null && memberCount < MAX_SETS) {
            members[memberCount++] = bits;
            groupHasMember = true;
        }
    }

    /** Closes an OR group; a group with no member matches nothing. */
    public void endGroup() {
        if (!groupHasMember || groupCount == MAX_SETS) {
            impossible = true;
            return;
        }
        groupEnd[groupCount++] = memberCount;
    }

    /** Excludes the members of {@code bits}; null excludes nothing. */
    public void not(long[] bits) {
        if (bits != null && notCount < MAX_SETS) {
            not[notCount++] = bits;
        }
    }

    /** True when some word had entries that only a NOT set (a block list) removed. */
    public boolean sawExcluded() {
        return sawExcluded;
    }

    /** Index of the first matching entry at or after {@code from}, or -1 when there is none. */
    public int next(int from) {
        if (impossible || from >= size) {
            return -1;
        }
        // Locals, so that the JIT keeps them in registers through the word loop.
        final long[][] and = this.and;
        final int andCount = this.andCount;
        final long[][] members = this.members;
        final int[] groupEnd = this.groupEnd;
        final int groupCount = this.groupCount;
        final long[][] not = this.not;
        final int notCount = this.notCount;
        final int words = this.words;
        final long[] first = andCount > 0 ? and[0] : null;
        long mask = -1L << from;
        for (int w = from >>> 6; w < words; w++, mask = -1L) {
            long bits = first == null ? mask : first[w] & mask;
            for (int i = 1; i < andCount && bits != 0; i++) {
                bits &= and[i][w];
            }
            for (int g = 0, start = 0; g < groupCount && bits != 0; g++) {
                long union = 0;
                int end = groupEnd[g];
                for (int m = start; m < end; m++) {
                    union |= members[m][w];
                }
                bits &= union;
                start = end;
            }
            if (bits == 0) {
                continue;
            }
            long before = bits;
            for (int i = 0; i < notCount && bits != 0; i++) {
                bits &= ~not[i][w];
            }
            if (bits != 0) {
                int entry = (w << 6) + Long.numberOfTrailingZeros(bits);
                return entry < size ? entry : -1;
            }
            if (before != 0) {
                sawExcluded = true;
            }
        }
        return -1;
    }
}
