package org.mlx4j.lm.embed;

import java.util.Locale;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * How one vector is made from a sequence's hidden states, counting only the real (unmasked) tokens, as
 * sentence-transformers' {@code Pooling} does.
 *
 * <pre>{@code
 * import org.mlx4j.lm.embed.Pooling;
 *
 * Array h = Mx.array(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 4, 2);   // one sequence, 4 tokens, width 2
 * Array mask = Mx.array(new int[] {1, 1, 1, 0}, 1, 4);                // the last token is padding
 * assert Arrays.equals(Pooling.MEAN.pool(h, mask).toFloatArray(), new float[] {3, 4});
 * assert Arrays.equals(Pooling.CLS.pool(h, mask).toFloatArray(), new float[] {1, 2});
 * assert Arrays.equals(Pooling.LAST.pool(h, mask).toFloatArray(), new float[] {5, 6});
 * }</pre>
 */
public enum Pooling {
    /** The mean of the real tokens' states. */
    MEAN,
    /** The first token's state ({@code [CLS]}). */
    CLS,
    /** The last real token's state (for decoder-style embedding models). */
    LAST;

    /**
     * Pools a padded batch.
     *
     * @param hidden {@code [B, L, D]} hidden states
     * @param attentionMask {@code [B, L]}, non-zero for real tokens (right padding)
     * @return {@code [B, D]}
     * @throws IllegalArgumentException if the shapes do not agree
     */
    public Array pool(Array hidden, Array attentionMask) {
        if (hidden.ndim() != 3 || attentionMask.ndim() != 2 || hidden.shape(0) != attentionMask.shape(0)
                || hidden.shape(1) != attentionMask.shape(1)) {
            throw new IllegalArgumentException("Pooling." + this + ": hidden must be [B, L, D] and the mask [B, L], got "
                    + java.util.Arrays.toString(hidden.shape()) + " and " + java.util.Arrays.toString(attentionMask.shape()));
        }
        Array mask = Mx.notEqual(attentionMask, 0.0).astype(hidden.dtype());
        return switch (this) {
            case MEAN -> {
                Array sum = Mx.sum(hidden.multiply(Mx.expandDims(mask, 2)), new int[] {1}, false);
                Array count = Mx.maximum(Mx.sum(mask, new int[] {1}, true), 1e-9);
                yield sum.divide(count);
            }
            case CLS -> Mx.take(hidden, Mx.array(0), 1);
            case LAST -> {
                Array last = Mx.maximum(Mx.sum(mask, new int[] {1}, false).astype(DType.INT32).subtract(1L), 0L);
                Array index = Mx.reshape(last, new int[] {-1, 1, 1});
                yield Mx.reshape(Mx.takeAlongAxis(hidden, index, 1), new int[] {hidden.shape(0), hidden.shape(2)});
            }
        };
    }

    /**
     * Scales each row to unit Euclidean length (rows of zeros stay zero).
     *
     * @param x {@code [N, D]}
     * @return {@code x / max(||x||, 1e-12)} row by row
     */
    public static Array normalize(Array x) {
        Array norm = Mx.sqrt(Mx.sum(x.multiply(x), new int[] {-1}, true));
        return x.divide(Mx.maximum(norm, 1e-12));
    }

    /**
     * The pooling of a name as the command line takes it.
     *
     * @param name {@code mean}, {@code cls} or {@code last}, in any case
     * @return the pooling
     * @throws IllegalArgumentException for another name
     */
    public static Pooling of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "cls" -> CLS;
            case "last", "lasttoken", "last_token" -> LAST;
            default -> throw new IllegalArgumentException("Pooling: unknown pooling '" + name + "'; valid: mean, cls, last");
        };
    }
}
