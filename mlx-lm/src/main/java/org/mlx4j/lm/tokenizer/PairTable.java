package org.mlx4j.lm.tokenizer;

/**
 * The BPE merges as an open-addressing hash table from a pair of token ids to {@code rank << 32 | mergedId}.
 */
final class PairTable {
    static final long ABSENT = -1L;
    private final long[] keys;
    private final long[] values;
    private final int mask;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        java.util.Arrays.fill(keys, -1L);
        mask = capacity - 1;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    /** Records the merge of {@code (a, b)}; a pair listed twice keeps its last rank, as HF's map does. */
    void put(int a, int b, int rank, int merged) {
        long k = key(a, b);
        int i = slot(k);
        while (keys[i] != -1L && keys[i] != k) i = (i + 1) & mask;
        keys[i] = k;
        values[i] = ((long) rank << 32) | merged;
    }

    /** {@code rank << 32 | mergedId} of the pair, or {@link #ABSENT}. */
    long get(int a, int b) {
        if (a < 0 || b < 0) return ABSENT;
        long k = key(a, b);
        int i = slot(k);
        long stored;
        while ((stored = keys[i]) != -1L) {
            if (stored == k) return values[i];
            i = (i + 1) & mask;
        }
        return ABSENT;
    }
}
