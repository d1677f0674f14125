package org.mlx4j.lm.cache;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * A key/value cache that keeps only the last {@code maxSize} steps, as mlx-lm's {@code RotatingKVCache}: memory
 * stays bounded however long the generation runs, and attention sees a sliding window of {@code maxSize} positions
 * ({@link #window()}). Steps are kept in order; a prompt of {@code n} steps attends over the kept
 * {@code maxSize - 1} steps plus its own.
 *
 * <pre>{@code
 * import org.mlx4j.lm.cache.RotatingKVCache;
 *
 * RotatingKVCache cache = new RotatingKVCache(4);
 * for (int t = 0; t < 6; t++) cache.updateAndFetch(Mx.zeros(new int[] {1, 2, 1, 8}), Mx.zeros(new int[] {1, 2, 1, 8}));
 * assert cache.offset() == 6 && cache.state()[0].shape(2) == 3;
 * }</pre>
 */
public final class RotatingKVCache extends KVCache {
    private final int maxSize;
    private Array keys;
    private Array values;
    private int offset;

    /**
     * An empty cache keeping at most {@code maxSize} steps.
     *
     * @param maxSize the window, at least 1
     * @throws IllegalArgumentException if {@code maxSize} is below 1
     */
    public RotatingKVCache(int maxSize) {
        if (maxSize < 1) throw new IllegalArgumentException("RotatingKVCache: maxSize must be at least 1, got " + maxSize);
        this.maxSize = maxSize;
    }

    @Override
    public int offset() { return offset; }

    /**
     * Appends the new steps and returns the kept steps followed by the new ones; afterwards only the last
     * {@code maxSize - 1} are kept, room for the next step.
     *
     * @param newKeys the keys of the new steps, {@code [B, H, n, D]}
     * @param newValues the values of the new steps
     * @return {@code [keys, values]} of the kept and the new steps, in order
     * @throws IllegalArgumentException if the shapes are not 4-D with equal batch, heads and steps
     */
    @Override
    public Array[] updateAndFetch(Array newKeys, Array newValues) {
        checkSteps("RotatingKVCache", newKeys, newValues);
        Array k = keys == null ? newKeys : Mx.concatenate(List.of(keys, newKeys), 2);
        Array v = values == null ? newValues : Mx.concatenate(List.of(values, newValues), 2);
        offset += newKeys.shape(2);
        keys = last(k, maxSize - 1);
        values = last(v, maxSize - 1);
        return new Array[] {k, v};
    }

    private static Array last(Array a, int n) {
        int[] s = a.shape();
        if (s[2] <= n) return a;
        return Mx.slice(a, new int[] {0, 0, s[2] - n, 0}, s, new int[] {1, 1, 1, 1});
    }

    @Override
    public Array[] state() { return keys == null ? new Array[0] : new Array[] {keys, values}; }

    @Override
    public int window() { return maxSize; }

    /**
     * A rotating cache cannot go back: the steps before the window are gone.
     *
     * @return false
     */
    @Override
    public boolean isTrimmable() { return false; }

    @Override
    public int trim(int n) {
        throw new UnsupportedOperationException("RotatingKVCache cannot be trimmed: the steps before its window are gone");
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = values = null;
        offset = 0;
    }
}
