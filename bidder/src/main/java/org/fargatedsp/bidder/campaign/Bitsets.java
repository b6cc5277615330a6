package org.fargatedsp.bidder.campaign;

/** Operations on the plain {@code long[]} bitsets of the campaign index: bit i is entry i. */
final class Bitsets {
    private Bitsets() {}

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    static void set(long[] bitset, int i) {
        bitset[i >>> 6] |= 1L << i;
    }

    static boolean get(long[] bitset, int i) {
        return (bitset[i >>> 6] & (1L << i)) != 0;
    }

    static long[] or(long[] a, long[] b) {
        long[] result = a.clone();
        for (int w = 0; w < b.length; w++) {
            result[w] |= b[w];
        }
        return result;
    }

    /** True when the first {@code size} bits are all set. */
    static boolean all(long[] bitset, int size) {
        for (int i = 0; i < size; i++) {
            if (!get(bitset, i)) {
                return false;
            }
        }
        return true;
    }
}
