package org.mlx4j.lm.models;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.UnaryLayer;

/** Gemma's RMS norm: the weight is stored as an offset from one, {@code x / rms(x) * (1 + weight)}. */
final class GemmaRMSNorm extends Module implements UnaryLayer {
    private final double eps;

    GemmaRMSNorm(int dims, double eps) {
        this.eps = eps;
        register("weight", Mx.zeros(new int[] {dims}, DType.FLOAT32));
    }

    @Override
    public Array forward(Array x) { return Fast.rmsNorm(x, array("weight").add(Mx.array(1.0f).astype(array("weight").dtype())), eps); }
}
