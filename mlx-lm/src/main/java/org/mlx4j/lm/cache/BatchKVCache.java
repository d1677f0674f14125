package org.mlx4j.lm.cache;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * One layer's keys and values for a batch of sequences of different lengths, as continuous batching needs them:
 * {@code [B, H, S, D]} with each row's steps right-aligned (row {@code i}'s {@code n_i} steps in the last
 * {@code n_i} columns, zeros before them), so that every row appends its next step in the same column. Rows join
 * ({@link #add}) with the cache of their own prefill and leave ({@link #remove}) between steps; each row keeps its
 * own positions ({@link #rowOffsets()} for RoPE) and its own mask ({@link #attentionMask}: padding hidden).
 */
public final class BatchKVCache extends KVCache {
    private Array keys;
    private Array values;
    private int[] lengths = new int[0];

    /** An empty batch; rows join with {@link #add}. */
    public BatchKVCache() {}

    /**
     * Rows in the batch.
     *
     * @return the batch size
     */
    public int rows() { return lengths.length; }

    /**
     * The steps cached for each row.
     *
     * @return a copy of the lengths, by row
     */
    public int[] lengths() { return lengths.clone(); }

    /**
     * The columns of the buffers: the longest row's steps.
     *
     * @return {@code S}
     */
    @Override
    public int offset() { return keys == null ? 0 : keys.shape(2); }

    /**
     * Adds a row holding the steps of a single sequence's cache (its prefill), as the last row.
     *
     * @param single a cache of batch 1 (its {@link #state()} prefix up to its offset is taken)
     * @throws IllegalArgumentException if {@code single} is empty or holds more than one row, or its heads or head
     *     size differ from the batch's
     */
    public void add(KVCache single) {
        int n = single.offset();
        Array[] st = single.state();
        if (st.length != 2 || n == 0 || st[0].shape(0) != 1) {
            throw new IllegalArgumentException("BatchKVCache.add: the row must come from a non-empty growing cache of batch 1");
        }
        Array k = prefix(st[0], n), v = prefix(st[1], n);
        if (keys != null && (k.shape(1) != keys.shape(1) || k.shape(3) != keys.shape(3) || v.shape(3) != values.shape(3))) {
            throw new IllegalArgumentException("BatchKVCache.add: row of shape " + Arrays.toString(k.shape())
                    + " does not match the batch's " + Arrays.toString(keys.shape()));
        }
        int columns = Math.max(offset(), n);
        if (keys == null) {
            keys = k;
            values = v;
        } else {
            keys = Mx.concatenate(List.of(leftPad(keys, columns), leftPad(k, columns)), 0);
            values = Mx.concatenate(List.of(leftPad(values, columns), leftPad(v, columns)), 0);
        }
        lengths = Arrays.copyOf(lengths, lengths.length + 1);
        lengths[lengths.length - 1] = n;
    }

    /**
     * Takes row {@code row} out of the batch, dropping columns no remaining row uses.
     *
     * @param row the row index
     * @return the row's steps as a growing cache of batch 1 (for a sequence that pauses and joins again)
     * @throws IndexOutOfBoundsException if there is no such row
     */
    public KVCache remove(int row) {
        if (row < 0 || row >= lengths.length) throw new IndexOutOfBoundsException("BatchKVCache.remove: row " + row + " of " + lengths.length);
        int n = lengths[row], s = offset();
        KVCache single = new KVCache();
        Array rowIndex = Mx.array(new int[] {row}, 1);
        single.updateAndFetch(suffix(Mx.take(keys, rowIndex, 0), n, s), suffix(Mx.take(values, rowIndex, 0), n, s));
        int[] keep = new int[lengths.length - 1];
        int[] kept = new int[lengths.length - 1];
        for (int i = 0, j = 0; i < lengths.length; i++) {
            if (i == row) continue;
            keep[j] = i;
            kept[j++] = lengths[i];
        }
        lengths = kept;
        if (kept.length == 0) {
            keys = values = null;
        } else {
            int columns = Arrays.stream(kept).max().orElse(0);
            Array idx = Mx.array(keep, keep.length);
            keys = suffix(Mx.take(keys, idx, 0), columns, s);
            values = suffix(Mx.take(values, idx, 0), columns, s);
        }
        return single;
    }

    /**
     * Appends one or more steps to every row (in the same columns) and returns the whole buffers.
     *
     * @param newKeys {@code [B, H, n, D]} with {@code B} the batch's rows
     * @param newValues the values of the same steps
     * @return {@code [keys, values]}, {@code [B, H, S, D]}, rows right-aligned
     * @throws IllegalArgumentException on shapes that do not match the batch
     */
    @Override
    public Array[] updateAndFetch(Array newKeys, Array newValues) {
        checkSteps("BatchKVCache", newKeys, newValues);
        if (newKeys.shape(0) != lengths.length) {
            throw new IllegalArgumentException("BatchKVCache.updateAndFetch: " + newKeys.shape(0) + " rows of new steps for a batch of "
                    + lengths.length);
        }
        int n = newKeys.shape(2);
        keys = Mx.concatenate(List.of(keys, newKeys), 2);
        values = Mx.concatenate(List.of(values, newValues), 2);
        for (int i = 0; i < lengths.length; i++) lengths[i] += n;
        return new Array[] {keys, values};
    }

    /**
     * Each row's next position: its cached steps.
     *
     * @return INT32 {@code [B]}
     */
    @Override
    public Array rowOffsets() { return Mx.array(lengths.clone(), lengths.length); }

    /**
     * Row {@code i}'s query {@code t} (at position {@code n_i - L + t}) sees column {@code j} (position
     * {@code n_i - S + j}) when that position is not padding, not after the query, and within the window.
     *
     * @param queries the new steps {@code L}
     * @param window a sliding window in positions, or 0
     * @return BOOL {@code [B, 1, L, S]}
     */
    @Override
    public Array attentionMask(int queries, int window) {
        int s = offset(), b = lengths.length;
        Array n = Mx.reshape(Mx.array(lengths.clone(), b), new int[] {b, 1, 1, 1});
        Array keyPos = n.subtract(Mx.array(s)).add(Mx.reshape(Mx.arange(0, s, 1, DType.INT32), new int[] {1, 1, 1, s}));
        Array queryPos = n.subtract(Mx.array(queries)).add(Mx.reshape(Mx.arange(0, queries, 1, DType.INT32), new int[] {1, 1, queries, 1}));
        Array visible = Mx.logicalAnd(Mx.greaterEqual(keyPos, Mx.array(0)), Mx.lessEqual(keyPos, queryPos));
        return window > 0 ? Mx.logicalAnd(visible, Mx.greater(keyPos, queryPos.subtract(Mx.array(window)))) : visible;
    }

    /**
     * Rows leave rather than shrink.
     *
     * @return false
     */
    @Override
    public boolean isTrimmable() { return false; }

    @Override
    public int trim(int n) { throw new UnsupportedOperationException("BatchKVCache cannot be trimmed; remove the row instead"); }

    @Override
    public Array[] state() { return keys == null ? new Array[0] : new Array[] {keys, values}; }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = values = null;
        lengths = new int[0];
    }

    private static Array prefix(Array a, int n) {
        int[] s = a.shape();
        return Mx.slice(a, new int[4], new int[] {s[0], s[1], n, s[3]}, new int[] {1, 1, 1, 1});
    }

    /** The last {@code n} of {@code s} columns. */
    private static Array suffix(Array a, int n, int s) {
        int[] sh = a.shape();
        return Mx.slice(a, new int[] {0, 0, s - n, 0}, sh, new int[] {1, 1, 1, 1});
    }

    private static Array leftPad(Array a, int columns) {
        int[] s = a.shape();
        if (s[2] == columns) return a;
        return Mx.concatenate(List.of(Mx.zeros(new int[] {s[0], s[1], columns - s[2], s[3]}, a.dtype()), a), 2);
    }
}
