package org.mlx4j.nn;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** The normalisations the norm layers share. */
final class Normalization {
    private Normalization() {}

    /** {@code (x - mean) / sqrt(var + eps)} over {@code axes}, statistics in the input's dtype. */
    static Array standardize(Array x, int[] axes, double eps) {
        Array mean = Mx.mean(x, axes, true);
        Array var = Mx.var(x, axes, true, 0);
        return x.subtract(mean).multiply(Mx.rsqrt(var.add(eps)));
    }
}
