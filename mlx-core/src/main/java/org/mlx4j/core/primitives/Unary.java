package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.List;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.UnaryOp;

/** An element-wise function of one array. */
public record Unary(UnaryOp op) implements Primitive {

    @Override
    public String name() {
        String n = op.opName();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), ct = cotangents.get(0), out = outputs.get(0);
        Array g = switch (op) {
            case ABS -> multiply(ct, sign(x));
            case NEGATIVE -> negative(ct);
            case SQRT -> divide(ct, multiply(out, 2.0));
            case RSQRT -> multiply(multiply(ct, -0.5), divide(out, x));
            case SQUARE -> multiply(ct, multiply(x, 2.0));
            case RECIPROCAL -> negative(multiply(ct, square(out)));
            case EXP -> multiply(ct, out);
            case EXPM1 -> multiply(ct, add(out, 1.0));
            case LOG -> divide(ct, x);
            case LOG2 -> divide(ct, multiply(x, Math.log(2)));
            case LOG10 -> divide(ct, multiply(x, Math.log(10)));
            case LOG1P -> divide(ct, add(x, 1.0));
            case SIN -> multiply(ct, cos(x));
            case COS -> negative(multiply(ct, sin(x)));
            case TAN -> multiply(ct, add(square(out), 1.0));
            case ARCSIN -> multiply(ct, rsqrt(subtract(1.0, square(x))));
            case ARCCOS -> negative(multiply(ct, rsqrt(subtract(1.0, square(x)))));
            case ARCTAN -> divide(ct, add(square(x), 1.0));
            case SINH -> multiply(ct, cosh(x));
            case COSH -> multiply(ct, sinh(x));
            case TANH -> multiply(ct, subtract(1.0, square(out)));
            case ARCSINH -> multiply(ct, rsqrt(add(square(x), 1.0)));
            case ARCCOSH -> multiply(ct, rsqrt(subtract(square(x), 1.0)));
            case ARCTANH -> divide(ct, subtract(1.0, square(x)));
            case ERF -> multiply(ct, multiply(exp(negative(square(x))), 2.0 / Math.sqrt(Math.PI)));
            case ERFINV -> multiply(ct, multiply(exp(square(out)), Math.sqrt(Math.PI) / 2.0));
            case SIGMOID -> multiply(ct, multiply(out, subtract(1.0, out)));
            case SIGN, FLOOR, CEIL, ROUND, LOGICAL_NOT, BITWISE_INVERT, ISNAN, ISINF, ISFINITE -> zerosLike(x);
            case REAL, IMAG, CONJUGATE -> throw new UnsupportedOperationException(
                    "vjp of " + name() + ": gradients of complex-valued functions are not supported");
        };
        return List.of(g);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array t = tangents.get(0), out = outputs.get(0);
        if (t == null) return Tangents.none(1);
        return Tangents.one(switch (op) {
            // linear: the op itself applied to the tangent
            case NEGATIVE, REAL, IMAG, CONJUGATE -> Handles.make(this, out.shape(), out.dtype(), t);
            // piecewise constant or not real-valued: no tangent
            case SIGN, FLOOR, CEIL, ROUND, LOGICAL_NOT, BITWISE_INVERT, ISNAN, ISINF, ISFINITE -> null;
            // element-wise, so the Jacobian is diagonal and the product with the tangent is the vjp's
            // product with a cotangent: t * f'(x)
            case ABS, SQRT, RSQRT, SQUARE, RECIPROCAL, EXP, EXPM1, LOG, LOG2, LOG10, LOG1P, SIN, COS, TAN,
                 ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, ARCSINH, ARCCOSH, ARCTANH, ERF, ERFINV, SIGMOID ->
                    vjp(primals, List.of(t), new int[] {0}, outputs).get(0);
        });
    }
}
