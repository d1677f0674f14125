package org.mlx4j.lm.cache;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.TreeLike;

/**
 * The attention key/value cache of one layer, as mlx-lm's {@code KVCache}: keys and values of shape
 * {@code [batch, heads, steps, headDim]} kept in buffers that grow {@value #STEP} steps at a time, so a
 * generation loop appends one step without copying the whole history each time.
 *
 * <p>Subclasses keep the steps differently: {@link RotatingKVCache} only the last {@code maxSize} steps,
 * {@link QuantizedKVCache} quantized. A cache is a {@link TreeLike} of its buffers, so {@code Mx.eval(cache)}
 * and the reactive generation loop evaluate and release them with a step's outputs.
 */
public class KVCache implements AutoCloseable, TreeLike {
    /** Steps added to the buffers whenever they fill up. */
    public static final int STEP = 256;

    private Array keys;
    private Array values;
    private int offset;

    /** An empty cache; its buffers are allocated by the first {@link #updateAndFetch}. */
    public KVCache() {}

    /**
     * Steps cached so far.
     *
     * @return the number of cached steps
     */
    public int offset() { return offset; }

    /**
     * Appends {@code newKeys}/{@code newValues} ({@code [B, H, n, D]}) and returns the keys and values of
     * every cached step ({@code [B, H, offset, D]}), lazily. The buffers keep the dtype of the first
     * keys and values appended. Python mlx-lm: {@code KVCache.update_and_fetch}.
     *
     * @param newKeys the keys of the new steps, {@code [B, H, n, D]}
     * @param newValues the values of the new steps, of the same batch, heads and steps
     * @return {@code [keys, values]} of every cached step
     * @throws IllegalArgumentException if the shapes are not 4-D with equal batch, heads and steps, or do not
     * match the cached steps
     */
    public Array[] updateAndFetch(Array newKeys, Array newValues) {
        checkSteps(getClass().getSimpleName(), newKeys, newValues);
        int[] ks = newKeys.shape(), vs = newValues.shape();
        int n = ks[2];
        if (keys != null && (!sameLeading(keys.shape(), ks) || !sameLeading(values.shape(), vs))) {
            throw new IllegalArgumentException("KVCache.updateAndFetch: new steps of shape " + java.util.Arrays.toString(ks)
                    + " do not match the cached ones " + java.util.Arrays.toString(keys.shape()));
        }
        int prev = offset;
        if (keys == null || prev + n > keys.shape(2)) grow(newKeys, newValues, prev + n);
        offset = prev + n;
        keys = Mx.sliceUpdate(keys, newKeys, new int[] {0, 0, prev, 0}, new int[] {1, 1, 1, 1});
        values = Mx.sliceUpdate(values, newValues, new int[] {0, 0, prev, 0}, new int[] {1, 1, 1, 1});
        return new Array[] {prefix(keys), prefix(values)};
    }

    /**
     * Checks that new keys and values are {@code [batch, heads, steps, dim]} with equal batch, heads and steps.
     *
     * @param who the cache class, for the message
     * @param newKeys the new keys
     * @param newValues the new values
     * @throws IllegalArgumentException naming the shapes otherwise
     */
    protected static void checkSteps(String who, Array newKeys, Array newValues) {
        int[] ks = newKeys.shape(), vs = newValues.shape();
        if (ks.length != 4 || vs.length != 4 || ks[2] != vs[2] || ks[0] != vs[0] || ks[1] != vs[1]) {
            throw new IllegalArgumentException(who + ".updateAndFetch: keys and values must be [batch, heads, steps, dim]"
                    + " with equal batch, heads and steps, got " + java.util.Arrays.toString(ks) + " and "
                    + java.util.Arrays.toString(vs));
        }
    }

    private static boolean sameLeading(int[] cached, int[] fresh) {
        return cached[0] == fresh[0] && cached[1] == fresh[1] && cached[3] == fresh[3];
    }

    /** Buffers with room for {@code needed} steps (rounded up to {@link #STEP}), holding what was cached. */
    private void grow(Array newKeys, Array newValues, int needed) {
        int capacity = ((needed + STEP - 1) / STEP) * STEP;
        int[] ks = newKeys.shape(), vs = newValues.shape();
        Array k = Mx.zeros(new int[] {ks[0], ks[1], capacity, ks[3]}, keys != null ? keys.dtype() : newKeys.dtype());
        Array v = Mx.zeros(new int[] {vs[0], vs[1], capacity, vs[3]}, values != null ? values.dtype() : newValues.dtype());
        if (keys != null && offset > 0) {
            k = Mx.sliceUpdate(k, prefix(keys), new int[4], new int[] {1, 1, 1, 1});
            v = Mx.sliceUpdate(v, prefix(values), new int[4], new int[] {1, 1, 1, 1});
        }
        keys = k;
        values = v;
    }

    private Array prefix(Array a) {
        int[] s = a.shape();
        return Mx.stridedSlice(a, new int[4], new int[] {1, 1, 1, 1}, new int[] {s[0], s[1], offset, s[3]});
    }

    /**
     * The cached keys and values (for evaluating them together with a step's outputs).
     *
     * @return {@code [keys, values]} buffers (with room beyond {@link #offset()}), or an empty array before the first update
     */
    public Array[] state() { return keys == null ? new Array[0] : new Array[] {keys, values}; }

    /**
     * The buffers, as {@link #state()}.
     *
     * @return a list of the cached arrays
     */
    @Override
    public Object tree() { return List.of(state()); }

    /**
     * The attention window this cache imposes: keys older than this many positions are gone (0: none, every
     * position is kept).
     *
     * @return the window in positions, or 0
     */
    public int window() { return 0; }

    /**
     * The position of the first new step of each batch row, when rows differ ({@link BatchKVCache}); read before
     * {@link #updateAndFetch}.
     *
     * @return INT32 {@code [B]}, or null when every row starts at {@link #offset()}
     */
    public Array rowOffsets() { return null; }

    /**
     * Which cached keys each row's queries may see, when rows differ ({@link BatchKVCache}: left padding and each
     * row's own positions); read after {@link #updateAndFetch}.
     *
     * @param queries the new steps {@code L}
     * @param window a sliding window in positions, or 0
     * @return BOOL {@code [B, 1, L, S]}, or null when the usual causal mask applies
     */
    public Array attentionMask(int queries, int window) { return null; }

    /**
     * Whether {@link #trim} can drop steps (a prompt cache reuses a prefix by trimming the rest).
     *
     * @return true for this growing cache
     */
    public boolean isTrimmable() { return true; }

    /**
     * Forgets the last {@code n} cached steps (at most {@link #offset()}). Python mlx-lm: {@code KVCache.trim}.
     *
     * @param n how many steps to drop
     * @return how many were dropped
     * @throws UnsupportedOperationException if the cache is not {@linkplain #isTrimmable() trimmable}
     */
    public int trim(int n) {
        int dropped = Math.max(0, Math.min(n, offset));
        offset -= dropped;
        return dropped;
    }

    /** Releases the buffers and empties the cache. */
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
