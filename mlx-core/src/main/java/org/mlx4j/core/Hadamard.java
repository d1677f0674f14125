package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The Walsh-Hadamard transform along the last axis (Sylvester's natural order), as log2(n) butterfly stages
 * of adds and subtracts: stage {@code h} pairs the elements whose indices differ in bit {@code h}. Built from
 * slices, adds and a stack, so its gradient, jvp and vmap are those ops' (the transform is its own transpose).
 */
final class Hadamard {
    private Hadamard() {}

    /** MLX: {@code mx.hadamard_transform(a, scale)}; a null scale means {@code 1 / sqrt(n)}. */
    static Array transform(Array a, Double scale) {
        String op = "hadamardTransform";
        if (a.ndim() == 0) throw new IllegalArgumentException(op + ": the input needs at least one dimension, got a scalar");
        DType t = a.dtype();
        if (t.isComplex()) throw new IllegalArgumentException(op + ": complex input is not supported, got " + t.mlxName());
        int n = a.shape(-1);
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException(op + ": the last axis must have a power-of-two length, got " + n
                    + " (shape " + Shapes.str(a.shape()) + ")");
        }
        Array x = t.isFloating() ? a : Mx.astype(a, DType.FLOAT32);
        int[] shape = x.shape();
        int lead = shape.length - 1;
        for (int h = 1; h < n; h <<= 1) {
            int[] split = new int[lead + 3];
            System.arraycopy(shape, 0, split, 0, lead);
            split[lead] = n / (2 * h);
            split[lead + 1] = 2;
            split[lead + 2] = h;
            Array y = Mx.reshape(x, split);
            Array lo = half(y, lead + 1, 0), hi = half(y, lead + 1, 1);
            List<Array> parts = new ArrayList<>(List.of(Mx.add(lo, hi), Mx.subtract(lo, hi)));
            x = Mx.reshape(Mx.stack(parts, lead + 1), shape);
        }
        double s = scale != null ? scale : 1.0 / Math.sqrt(n);
        return s == 1.0 ? x : Mx.multiply(x, s);
    }

    /** {@code y[..., i, :]} along {@code axis} with that axis dropped. */
    private static Array half(Array y, int axis, int i) {
        int[] s = y.shape();
        int[] start = new int[s.length], stop = s.clone(), step = new int[s.length];
        java.util.Arrays.fill(step, 1);
        start[axis] = i;
        stop[axis] = i + 1;
        return Mx.squeeze(Mx.slice(y, start, stop, step), axis);
    }
}
