package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.UnaryOp;

/** An element-wise function of one array; its gradients come from the op's {@link UnaryOp#derivative()}. */
public record Unary(UnaryOp op) implements Primitive {

    @Override
    public String name() {
        String n = op.opName();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0);
        if (op.derivative() == UnaryOp.Derivative.ZERO) return List.of(Mx.zerosLike(x));
        return List.of(derivative(cotangents.get(0), x, outputs.get(0)));
    }

    /**
     * Forward-mode rule: the tangent of the output, {@code t * f'(x)}. No tangent (null) where none reaches
     * the input or the op is piecewise constant; the parts of a complex number (real, imag, conjugate) have no
     * complex derivative but are real-linear, so their tangent is the op applied to the tangent.
     */
    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), t = tangents.get(0), y = outputs.get(0);
        if (t == null) return Tangents.none(1);
        if (op.derivative() == UnaryOp.Derivative.ZERO) return Tangents.none(1);
        if (op.derivative() == UnaryOp.Derivative.UNDEFINED) return Tangents.one(Handles.make(this, y.shape(), y.dtype(), t));
        return Tangents.one(derivative(t, x, y));
    }

    private Array derivative(Array g, Array x, Array y) {
        if (op.derivative() == UnaryOp.Derivative.UNDEFINED) {
            throw new UnsupportedOperationException("gradient of " + name() + " (MLX " + op.mlxName()
                    + "): gradients of complex-valued functions are not supported");
        }
        return op.derivative().apply(g, x, y);
    }
}
