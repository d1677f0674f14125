package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.graph.UnaryOp;

/**
 * complex64 unary kernels, computed in double and stored as two floats. REAL and IMAG write float32;
 * the class tests and LOGICAL_NOT write BOOL; ABS writes |z| as the real part with imaginary 0.
 */
final class UnaryComplex {
    private UnaryComplex() {}

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final double LN10 = 2.302585092994046;

    static void apply(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        double[] z = new double[2];
        for (long i = 0; i < n; i++) {
            double re = a.get(F32, ab + 8 * i), im = a.get(F32, ab + 8 * i + 4);
            switch (op) {
                case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
                case REAL -> { o.set(F32, ob + 4 * i, (float) re); continue; }
                case IMAG -> { o.set(F32, ob + 4 * i, (float) im); continue; }
                case ISNAN -> { o.set(ValueLayout.JAVA_BYTE, ob + i, bool(Double.isNaN(re) || Double.isNaN(im))); continue; }
                case ISINF -> { o.set(ValueLayout.JAVA_BYTE, ob + i, bool(Double.isInfinite(re) || Double.isInfinite(im))); continue; }
                case ISFINITE -> { o.set(ValueLayout.JAVA_BYTE, ob + i, bool(Double.isFinite(re) && Double.isFinite(im))); continue; }
                case LOGICAL_NOT -> { o.set(ValueLayout.JAVA_BYTE, ob + i, bool(re == 0 && im == 0)); continue; }
                case ABS, NEGATIVE, SIGN, SQRT, RSQRT, SQUARE, RECIPROCAL, EXP, EXPM1, LOG, LOG2, LOG10,
                     LOG1P, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, ARCSINH, ARCCOSH,
                     ARCTANH, FLOOR, CEIL, ROUND, TRUNC, ERF, ERFINV, SIGMOID, BITWISE_INVERT, CONJUGATE -> compute(op, re, im, z);
            }
            o.set(F32, ob + 8 * i, (float) z[0]);
            o.set(F32, ob + 8 * i + 4, (float) z[1]);
        }
    }

    private static byte bool(boolean b) { return (byte) (b ? 1 : 0); }

    /** Writes op(re + i im) to z. */
    static void compute(UnaryOp op, double re, double im, double[] z) {
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case NEGATIVE -> set(z, -re, -im);
            case CONJUGATE -> set(z, re, -im);
            case ABS -> set(z, Math.hypot(re, im), 0);
            case SQUARE -> set(z, (re - im) * (re + im), 2 * re * im);
            case ROUND -> set(z, Math.rint(re), Math.rint(im));
            case SIGN -> {
                double r = Math.hypot(re, im);
                if (r == 0) set(z, re, im);
                else set(z, re / r, im / r);
            }
            case RECIPROCAL -> reciprocal(re, im, z);
            case SQRT -> sqrt(re, im, z);
            case RSQRT -> {
                sqrt(re, im, z);
                reciprocal(z[0], z[1], z);
            }
            case EXP -> {
                double e = Math.exp(re);
                if (im == 0) set(z, e, im);
                else set(z, e * Math.cos(im), e * Math.sin(im));
            }
            case LOG -> set(z, Math.log(Math.hypot(re, im)), Math.atan2(im, re));
            case LOG2 -> set(z, Math.log(Math.hypot(re, im)) * MathFunctions.INV_LN2, Math.atan2(im, re) * MathFunctions.INV_LN2);
            case LOG10 -> set(z, Math.log(Math.hypot(re, im)) / LN10, Math.atan2(im, re) / LN10);
            case SIN -> set(z, Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
            case COS -> set(z, Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
            case SINH -> set(z, Math.sinh(re) * Math.cos(im), Math.cosh(re) * Math.sin(im));
            case COSH -> set(z, Math.cosh(re) * Math.cos(im), Math.sinh(re) * Math.sin(im));
            case TANH -> tanh(re, im, z);
            case TAN -> { // tan(z) = -i tanh(i z)
                tanh(-im, re, z);
                set(z, z[1], -z[0]);
            }
            case EXPM1, LOG1P, ARCSIN, ARCCOS, ARCTAN, ARCSINH, ARCCOSH, ARCTANH, FLOOR, CEIL, TRUNC, ERF, ERFINV,
                 SIGMOID, LOGICAL_NOT, BITWISE_INVERT, ISNAN, ISINF, ISFINITE, REAL, IMAG -> throw new IllegalArgumentException(op.opName() + " is not defined for complex64");
        }
    }

    private static void set(double[] z, double re, double im) {
        z[0] = re;
        z[1] = im;
    }

    /** Smith's division, so |z|^2 never overflows; 1/0 is (inf, NaN) as in NumPy. */
    private static void reciprocal(double re, double im, double[] z) {
        if (re == 0 && im == 0) {
            set(z, Double.POSITIVE_INFINITY, Double.NaN);
        } else if (Math.abs(re) >= Math.abs(im)) {
            double r = im / re, d = re + im * r;
            set(z, 1 / d, -r / d);
        } else {
            double r = re / im, d = re * r + im;
            set(z, r / d, -1 / d);
        }
    }

    /** Principal square root (branch cut on the negative real axis, imaginary sign follows im). */
    private static void sqrt(double re, double im, double[] z) {
        if (re == 0 && im == 0) {
            set(z, 0, im);
            return;
        }
        double t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
        if (re >= 0) set(z, t, im / (2 * t));
        else set(z, Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    private static void tanh(double re, double im, double[] z) {
        if (Math.abs(re) > 20) { // cosh(2 re) dwarfs everything: tanh is +-1 plus a vanishing imaginary part
            set(z, Math.copySign(1, re), 2 * Math.sin(2 * im) * Math.exp(-2 * Math.abs(re)));
            return;
        }
        double d = Math.cosh(2 * re) + Math.cos(2 * im);
        set(z, Math.sinh(2 * re) / d, Math.sin(2 * im) / d);
    }
}
