package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.graph.BinaryOp;

/** Scalar semantics of the floating-point binary ops, shared by the vector tails and the scalar paths. */
final class BinaryMath {
    private BinaryMath() {}

    /** Python's {@code %}: the result has the divisor's sign (or is a zero of the divisor's sign). */
    static double remainder(double x, double y) {
        double r = x % y;
        if (r != 0) {
            if ((r < 0) != (y < 0)) r += y;
        } else {
            r = Math.copySign(0.0, y);
        }
        return r;
    }

    static float remainder(float x, float y) {
        float r = x % y;
        if (r != 0) {
            if ((r < 0) != (y < 0)) r += y;
        } else {
            r = Math.copySign(0f, y);
        }
        return r;
    }

    /** {@code log(exp(x) + exp(y))} without overflow: {@code max + log1p(exp(min - max))}. */
    static double logaddexp(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.NaN;
        double hi = Math.max(x, y), lo = Math.min(x, y);
        if (lo == Double.NEGATIVE_INFINITY || hi == Double.POSITIVE_INFINITY) return hi;
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** Comparisons and logical ops; every comparison with NaN is false except NOT_EQUAL. */
    static boolean test(BinaryOp op, double x, double y) {
        return switch (op) {
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case LESS -> x < y;
            case LESS_EQUAL -> x <= y;
            case GREATER -> x > y;
            case GREATER_EQUAL -> x >= y;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, FLOOR_DIVIDE, REMAINDER, POWER, MAXIMUM, MINIMUM,
                 BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT, ARCTAN2, LOGADDEXP -> throw new IllegalStateException("not a predicate: " + op);
        };
    }
}
