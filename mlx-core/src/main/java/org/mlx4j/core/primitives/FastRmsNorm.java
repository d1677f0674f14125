package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Handles;

/**
 * {@code x * rsqrt(mean(x^2, -1) + eps) * weight} over the last axis, accumulated in float32 (float64
 * for float64). Inputs: {@code x}, then {@code weight} ({@code [x.shape(-1)]}) when there is one; all of
 * the output's dtype.
 */
public record FastRmsNorm(double eps) implements FastPrimitive {
    @Override
    public Array fallback(List<Array> inputs) {
        Array x = inputs.get(0);
        DType t = x.dtype();
        Array xf = FastRmsNorm.wide(x);
        Array y = astype(multiply(xf, rsqrt(add(mean(square(xf), new int[] {-1}, true), eps))), t);
        return inputs.size() > 1 ? multiply(y, inputs.get(1)) : y;
    }

    @Override
    public int[] outputShape(int[][] inputShapes) { return inputShapes[0]; }

    @Override
    public Array vmap(Array[] in, boolean[] isMapped, int batch) {
        return FastRmsNorm.rowwise(this, in, isMapped, batch);
    }

    /** {@code x} in the dtype a row norm accumulates in: float32, or float64 for float64. */
    static Array wide(Array x) { return x.dtype() == DType.FLOAT64 ? x : astype(x, DType.FLOAT32); }

    /**
     * A norm over the last axis batched: with only {@code x} mapped the same primitive runs on the batched
     * {@code x} (the per-feature parameters apply to every row); otherwise the fallback is vmapped.
     */
    static Array rowwise(FastPrimitive p, Array[] in, boolean[] isMapped, int batch) {
        for (int i = 1; i < in.length; i++) if (isMapped[i]) return FastDerivatives.vmapFallback(p, in, isMapped);
        Array x = in[0];
        return Handles.make(p, x.shape(), x.dtype(), in);
    }
}
