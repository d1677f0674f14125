package org.mlx4j.core;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Plain float64 and long reference code for every element-wise op, written from MLX's definitions and
 * independent of the library (no op description is read here): values, the domains to sample inputs
 * from, and the result dtype MLX gives for an input dtype.
 */
final class ElementwiseReference {
    private ElementwiseReference() {}

    /** Unary ops that compute in float32 when given integers or bools (MLX's float-promoting ops). */
    static final Set<UnaryOp> FLOAT_UNARY = EnumSet.of(UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL, UnaryOp.EXP,
            UnaryOp.EXPM1, UnaryOp.LOG, UnaryOp.LOG2, UnaryOp.LOG10, UnaryOp.LOG1P, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN,
            UnaryOp.ARCSIN, UnaryOp.ARCCOS, UnaryOp.ARCTAN, UnaryOp.SINH, UnaryOp.COSH, UnaryOp.TANH, UnaryOp.ARCSINH,
            UnaryOp.ARCCOSH, UnaryOp.ARCTANH, UnaryOp.ERF, UnaryOp.ERFINV, UnaryOp.SIGMOID);
    static final Set<UnaryOp> PREDICATES = EnumSet.of(UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE, UnaryOp.LOGICAL_NOT);
    static final Set<BinaryOp> BOOL_BINARY = EnumSet.of(BinaryOp.EQUAL, BinaryOp.NOT_EQUAL, BinaryOp.LESS,
            BinaryOp.LESS_EQUAL, BinaryOp.GREATER, BinaryOp.GREATER_EQUAL, BinaryOp.LOGICAL_AND, BinaryOp.LOGICAL_OR,
            BinaryOp.LOGICAL_XOR);
    static final Set<BinaryOp> FLOAT_BINARY = EnumSet.of(BinaryOp.DIVIDE, BinaryOp.ARCTAN2, BinaryOp.LOGADDEXP);
    static final Set<BinaryOp> INTEGER_BINARY = EnumSet.of(BinaryOp.BITWISE_AND, BinaryOp.BITWISE_OR,
            BinaryOp.BITWISE_XOR, BinaryOp.LEFT_SHIFT, BinaryOp.RIGHT_SHIFT);

    /** [lo, hi] of inputs where the op is smooth and well conditioned (away from poles and branch points). */
    static double[] domain(UnaryOp op) {
        return switch (op) {
            case SQRT, RSQRT, LOG, LOG2, LOG10 -> new double[] {0.1, 10};
            case RECIPROCAL -> new double[] {0.25, 4};
            case LOG1P -> new double[] {-0.9, 5};
            case ARCSIN, ARCCOS, ARCTANH, ERFINV -> new double[] {-0.95, 0.95};
            case ARCCOSH -> new double[] {1.05, 10};
            case TAN -> new double[] {-1.4, 1.4};
            case ERF -> new double[] {-3, 3};
            case EXP, EXPM1, SINH, COSH -> new double[] {-5, 5};
            default -> new double[] {-4, 4};
        };
    }

    /** [lo, hi] of the first and second operands. */
    static double[][] domain(BinaryOp op) {
        return switch (op) {
            case POWER -> new double[][] {{0.2, 3}, {-2, 2}};
            case DIVIDE, FLOOR_DIVIDE, REMAINDER -> new double[][] {{-6, 6}, {0.5, 3}};
            default -> new double[][] {{-4, 4}, {-4, 4}};
        };
    }

    /** The float64 reference of a real-valued unary op (one reference for every element-wise test). */
    static double unary(UnaryOp op, double x) { return org.mlx4j.core.backend.cpu.UnaryKernelsTest.ref(op, x); }

    /** An integer (or bool, 0/1) input computed in its own dtype, before wrapping to it. */
    static long unary(UnaryOp op, long x, DType t) {
        boolean bool = t == DType.BOOL;
        return switch (op) {
            case ABS -> bool ? x : Math.abs(x);
            case NEGATIVE -> -x;
            case SIGN -> Long.signum(x);
            case SQUARE -> bool ? x : x * x;
            case BITWISE_INVERT -> bool ? 1 - x : ~x;
            case LOGICAL_NOT -> x == 0 ? 1 : 0;
            case ISNAN, ISINF -> 0;
            case ISFINITE -> 1;
            case FLOOR, CEIL, ROUND, TRUNC, REAL, CONJUGATE -> x;
            case IMAG -> 0;
            default -> throw new IllegalArgumentException(op + " does not compute on integers");
        };
    }

    static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case FLOOR_DIVIDE -> Math.floor(a / b);
            case REMAINDER -> a - b * Math.floor(a / b);
            case POWER -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQUAL -> a == b ? 1 : 0;
            case NOT_EQUAL -> a != b ? 1 : 0;
            case LESS -> a < b ? 1 : 0;
            case LESS_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_EQUAL -> a >= b ? 1 : 0;
            case LOGICAL_AND -> a != 0 && b != 0 ? 1 : 0;
            case LOGICAL_OR -> a != 0 || b != 0 ? 1 : 0;
            case LOGICAL_XOR -> (a != 0) != (b != 0) ? 1 : 0;
            case ARCTAN2 -> Math.atan2(a, b);
            case LOGADDEXP -> Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT ->
                    throw new IllegalArgumentException(op + " of floats");
        };
    }

    /** Integer (or bool, 0/1) operands computed in their own dtype, before wrapping to it. */
    static long binary(BinaryOp op, long a, long b, DType t) {
        boolean bool = t == DType.BOOL;
        return switch (op) {
            case ADD -> bool ? a | b : a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case FLOOR_DIVIDE -> Math.floorDiv(a, b);
            case REMAINDER -> Math.floorMod(a, b);
            case POWER -> {
                long r = 1;
                for (int i = 0; i < b; i++) r *= a;
                yield r;
            }
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQUAL -> a == b ? 1 : 0;
            case NOT_EQUAL -> a != b ? 1 : 0;
            case LESS -> a < b ? 1 : 0;
            case LESS_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_EQUAL -> a >= b ? 1 : 0;
            case LOGICAL_AND -> a != 0 && b != 0 ? 1 : 0;
            case LOGICAL_OR -> a != 0 || b != 0 ? 1 : 0;
            case LOGICAL_XOR -> (a != 0) != (b != 0) ? 1 : 0;
            case BITWISE_AND -> a & b;
            case BITWISE_OR -> a | b;
            case BITWISE_XOR -> a ^ b;
            case LEFT_SHIFT -> bool ? a : a << b;
            case RIGHT_SHIFT -> bool ? a & (1 - b) : a >> b;
            case DIVIDE, ARCTAN2, LOGADDEXP -> throw new IllegalArgumentException(op + " does not compute on integers");
        };
    }

    /** The result dtype MLX gives for inputs of dtype {@code t} (both operands of a binary op). */
    static DType resultType(UnaryOp op, DType t) {
        if (PREDICATES.contains(op)) return DType.BOOL;
        if (t.isComplex() && (op == UnaryOp.ABS || op == UnaryOp.REAL || op == UnaryOp.IMAG)) return DType.FLOAT32;
        if (!t.isInexact() && (FLOAT_UNARY.contains(op) || op == UnaryOp.IMAG)) return DType.FLOAT32;
        return t;
    }

    static DType resultType(BinaryOp op, DType t) {
        if (BOOL_BINARY.contains(op)) return DType.BOOL;
        if (!t.isInexact() && FLOAT_BINARY.contains(op)) return DType.FLOAT32;
        return t;
    }

    /** The value as dtype t stores it (wrap for integers, rounding for floats). */
    static double stored(DType t, double v) {
        if (t == DType.UINT64) { // read back unsigned
            long bits = (long) v;
            return bits >= 0 ? bits : (double) (bits >>> 1) * 2 + (bits & 1);
        }
        return TestArrays.storedAs(t, v);
    }

    /** Uniform doubles in [lo, hi]. */
    static double[] uniform(Random rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return v;
    }
}
