package org.mlx4j.core.backend.cpu;
import org.mlx4j.core.graph.UnaryOp;
public final class UnaryKernels {
    public static void apply(UnaryOp op, StridedView in, StridedView out) {
        for (long i = 0; i < out.size(); i++) {
            double x = Idx.get(in, i);
            double r = switch (op) {
                case ABS -> Math.abs(x); case NEGATIVE -> -x; case SIGN -> Math.signum(x); case SQRT -> Math.sqrt(x);
                case RSQRT -> 1 / Math.sqrt(x); case SQUARE -> x * x; case RECIPROCAL -> 1 / x; case EXP -> Math.exp(x);
                case EXPM1 -> Math.expm1(x); case LOG -> Math.log(x); case LOG2 -> Math.log(x) / Math.log(2); case LOG10 -> Math.log10(x);
                case LOG1P -> Math.log1p(x); case SIN -> Math.sin(x); case COS -> Math.cos(x); case TAN -> Math.tan(x);
                case ARCSIN -> Math.asin(x); case ARCCOS -> Math.acos(x); case ARCTAN -> Math.atan(x); case SINH -> Math.sinh(x);
                case COSH -> Math.cosh(x); case TANH -> Math.tanh(x); case FLOOR -> Math.floor(x); case CEIL -> Math.ceil(x);
                case ROUND -> Math.rint(x); case SIGMOID -> 1 / (1 + Math.exp(-x)); case LOGICAL_NOT -> x == 0 ? 1 : 0;
                case ISNAN -> Double.isNaN(x) ? 1 : 0; case ISINF -> Double.isInfinite(x) ? 1 : 0; case ISFINITE -> Double.isFinite(x) ? 1 : 0;
                default -> throw new IllegalArgumentException("scratch " + op);
            };
            Idx.set(out, i, r);
        }
    }
}
