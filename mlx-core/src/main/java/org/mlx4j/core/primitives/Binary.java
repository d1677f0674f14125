package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.BinaryOp;

/** An element-wise function of two arrays of equal shape and dtype (broadcast and promoted by the op). */
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
        for (int i = 0; i < argnums.length; i++) {
            boolean first = argnums[i] == 0;
            grads[i] = switch (op) {
                case ADD -> ct;
                case SUBTRACT -> first ? ct : negative(ct);
                case MULTIPLY -> multiply(ct, first ? b : a);
                case DIVIDE -> first ? divide(ct, b) : negative(divide(multiply(ct, out), b));
                case POWER -> first
                        ? multiply(ct, multiply(b, power(a, subtract(b, 1.0))))
                        : multiply(ct, multiply(out, log(a)));
                case REMAINDER -> first ? ct : negative(multiply(ct, floorDivide(a, b)));
                case MAXIMUM -> multiply(ct, first ? greater(a, b) : lessEqual(a, b));
                case MINIMUM -> multiply(ct, first ? less(a, b) : greaterEqual(a, b));
                case ARCTAN2 -> {
                    Array denom = add(square(a), square(b));
                    yield first ? divide(multiply(ct, b), denom) : negative(divide(multiply(ct, a), denom));
                }
                case LOGADDEXP -> multiply(ct, sigmoid(first ? subtract(a, b) : subtract(b, a)));
                case FLOOR_DIVIDE, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL,
                     LOGICAL_AND, LOGICAL_OR, BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT ->
                        zerosLike(first ? a : b);
            };
        }
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array out = outputs.get(0);
        if (!out.dtype().isInexact() || op == BinaryOp.FLOOR_DIVIDE) return Tangents.none(1); // comparisons, bit ops
        // element-wise over operands of the output's shape, so each operand's Jacobian is diagonal and its
        // product with a tangent is the vjp's product with a cotangent: ta * df/da + tb * df/db
        Array sum = null;
        for (int arg = 0; arg < 2; arg++) {
            Array t = tangents.get(arg);
            if (t != null) sum = Tangents.add(sum, vjp(primals, List.of(t), new int[] {arg}, outputs).get(0));
        }
        return Tangents.one(sum);
    }
}
