package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.BinaryOp;

/**
 * An element-wise function of two arrays of equal shape and dtype (broadcast and promoted by the op); its
 * gradients come from the op's {@link BinaryOp#partial partial derivatives}.
 */
public record Binary(BinaryOp op) implements Primitive {

    @Override
    public String name() {
        String n = op.opName();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array a = primals.get(0), b = primals.get(1), ct = cotangents.get(0), out = outputs.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) grads[i] = op.partial(argnums[i]).apply(ct, a, b, out);
        return List.of(grads);
    }

    /**
     * Forward-mode rule: the tangent of the output, {@code ta * df/da + tb * df/db}. A null tangent is
     * zero (that operand is not differentiated); integer and bool outputs (comparisons, bit ops) carry none.
     */
    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array a = primals.get(0), b = primals.get(1), out = outputs.get(0);
        if (!out.dtype().isInexact()) return Tangents.none(1);
        Array sum = null;
        for (int k = 0; k < 2; k++) {
            Array t = tangents.get(k);
            BinaryOp.Partial p = op.partial(k);
            if (t != null && p != BinaryOp.Partial.ZERO) sum = Tangents.add(sum, p.apply(t, a, b, out));
        }
        return Tangents.one(sum);
    }
}
