package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/** Which keys each query may attend to, for queries continuing a cache. */
final class AttentionMasks {
    private AttentionMasks() {}

    /**
     * BOOL {@code [L, S]}: query {@code i} (at position {@code offset + i}) sees key {@code j} (at position
     * {@code p_j = offset + L - S + j}: the keys end with the queries' own) when {@code p_j <= offset + i} and, with a
     * window, {@code p_j > offset + i - window}.
     */
    static Array visible(int queries, int offset, int keys, int window) {
        int firstKey = offset + queries - keys;
        Array q = Mx.reshape(Mx.arange(offset, offset + queries, 1, DType.INT32), new int[] {queries, 1});
        Array k = Mx.reshape(Mx.arange(firstKey, firstKey + keys, 1, DType.INT32), new int[] {1, keys});
        Array causal = Mx.lessEqual(k, q);
        return window > 0 ? Mx.logicalAnd(causal, Mx.greater(k, q.subtract(Mx.array(window)))) : causal;
    }

    /** Whether a window of {@code window} positions hides any of {@code keys} keys from the last query. */
    static boolean windowBites(int window, int keys) { return window > 0 && keys > window; }

    /** The narrower of two windows (0 meaning none). */
    static int narrower(int a, int b) { return a <= 0 ? b : b <= 0 ? a : Math.min(a, b); }
}
