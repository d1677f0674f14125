package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * {@code (x - mean) * rsqrt(var + eps) * weight + bias} over the last axis, accumulated in float32
 * (float64 for float64). Inputs: {@code x}, then {@code weight} and {@code bias} ({@code [x.shape(-1)]})
 * where {@code hasWeight} / {@code hasBias}; all of the output's dtype.
 */
public record FastLayerNorm(double eps, boolean hasWeight, boolean hasBias) implements FastPrimitive {
    @Override
    public Array fallback(List<Array> inputs) {
        Array x = inputs.get(0);
        Array xf = FastRmsNorm.wide(x);
        Array centred = subtract(xf, mean(xf, new int[] {-1}, true));
        Array variance = mean(square(centred), new int[] {-1}, true);
        Array y = astype(multiply(centred, rsqrt(add(variance, eps))), x.dtype());
        int next = 1;
        if (hasWeight) y = multiply(y, inputs.get(next++));
        if (hasBias) y = add(y, inputs.get(next));
        return y;
    }

    @Override
    public int[] outputShape(int[][] inputShapes) { return inputShapes[0]; }

    @Override
    public Array vmap(Array[] in, boolean[] isMapped, int batch) {
        return FastRmsNorm.rowwise(this, in, isMapped, batch);
    }
}
