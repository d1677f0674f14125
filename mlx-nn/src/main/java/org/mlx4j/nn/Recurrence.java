package org.mlx4j.nn;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.Index;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Slice;

/** What the recurrent layers share: input checks and reading one time step. */
final class Recurrence {
    private Recurrence() {}

    /** Checks {@code [N, L, D]} or {@code [L, D]} input with {@code inputSize} features. */
    static void checkInput(String layer, Array x, int inputSize) {
        if ((x.ndim() != 2 && x.ndim() != 3) || x.shape(-1) != inputSize) {
            throw new IllegalArgumentException(layer + ": expected input [N, L, " + inputSize + "] or [L, " + inputSize
                    + "], got " + Arrays.toString(x.shape()));
        }
    }

    /** {@code x[..., t, :]}. */
    static Array step(Array x, int t) { return x.get(Index.ELLIPSIS, t, Slice.all()); }

    /** {@code x W^T + b}, or {@code x W^T} when the layer has no bias. */
    static Array project(Array x, Array w, Array bias) {
        Array y = Mx.matmul(x, w.T());
        return bias == null ? y : y.add(bias);
    }
}
