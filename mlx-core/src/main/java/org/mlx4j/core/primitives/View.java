package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/**
 * The input's bytes, row-major, read as {@code dtype} (MLX's {@code View}): a view of the input's buffer when it
 * is row-major contiguous, else a row-major copy reinterpreted. A bit reinterpretation has no derivative.
 */
public record View(DType dtype) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        throw noDerivative(primals);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        throw noDerivative(primals);
    }

    private UnsupportedOperationException noDerivative(List<Array> primals) {
        return new UnsupportedOperationException("view: a bit reinterpretation of " + primals.get(0).dtype().mlxName()
                + " as " + dtype.mlxName() + " has no derivative (stop the gradient before it with stopGradient)");
    }
}
