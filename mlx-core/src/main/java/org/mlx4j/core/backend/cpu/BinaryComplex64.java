package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.DTypeRule;

/**
 * complex64 binary ops (interleaved float32 real and imaginary parts): ADD, SUBTRACT, MULTIPLY, DIVIDE,
 * POWER, EQUAL and NOT_EQUAL. Sums and differences are float32 sums; products, quotients and powers are
 * computed in float64 and rounded once, which also keeps the quotient's {@code |b|^2} from overflowing.
 */
final class BinaryComplex64 implements BinaryContiguous {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final BinaryOp op;

    BinaryComplex64(BinaryOp op) { this.op = op; }

    /** The ops whose dtype rule computes in complex64. */
    static boolean supports(BinaryOp op) { return op.rule().action(DType.COMPLEX64) == DTypeRule.Input.COMPUTE; }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 1, b, bi, 1, o, oi, n);
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 0, b, bi, 1, o, oi, n);
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        run(a, ai, 1, b, bi, 0, o, oi, n);
    }

    /** Indices are in complex elements; float index 2i is the real part, 2i + 1 the imaginary part. */
    private void run(MemorySegment a, long ai, long as, MemorySegment b, long bi, long bs, MemorySegment o, long oi, long n) {
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case ADD, SUBTRACT -> {
                float sign = op == BinaryOp.ADD ? 1f : -1f;
                for (long k = 0; k < n; k++) {
                    long x = 2 * (ai + k * as), y = 2 * (bi + k * bs), z = 2 * (oi + k);
                    o.setAtIndex(F, z, a.getAtIndex(F, x) + sign * b.getAtIndex(F, y));
                    o.setAtIndex(F, z + 1, a.getAtIndex(F, x + 1) + sign * b.getAtIndex(F, y + 1));
                }
            }
            case EQUAL, NOT_EQUAL -> {
                boolean eq = op == BinaryOp.EQUAL;
                for (long k = 0; k < n; k++) {
                    long x = 2 * (ai + k * as), y = 2 * (bi + k * bs);
                    boolean same = a.getAtIndex(F, x) == b.getAtIndex(F, y) && a.getAtIndex(F, x + 1) == b.getAtIndex(F, y + 1);
                    o.set(ValueLayout.JAVA_BYTE, oi + k, (byte) (same == eq ? 1 : 0));
                }
            }
            case MULTIPLY, DIVIDE, FLOOR_DIVIDE, REMAINDER, POWER, MAXIMUM, MINIMUM, LESS, LESS_EQUAL,
                 GREATER, GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, BITWISE_AND, BITWISE_OR, BITWISE_XOR,
                 LEFT_SHIFT, RIGHT_SHIFT, ARCTAN2, LOGADDEXP -> {
                double[] r = new double[2];
                for (long k = 0; k < n; k++) {
                    long x = 2 * (ai + k * as), y = 2 * (bi + k * bs), z = 2 * (oi + k);
                    apply(op, a.getAtIndex(F, x), a.getAtIndex(F, x + 1), b.getAtIndex(F, y), b.getAtIndex(F, y + 1), r);
                    o.setAtIndex(F, z, (float) r[0]);
                    o.setAtIndex(F, z + 1, (float) r[1]);
                }
            }
        }
    }

    /** {@code out = op(ar + i ai, br + i bi)} for MULTIPLY, DIVIDE and POWER. */
    static void apply(BinaryOp op, double ar, double ai, double br, double bi, double[] out) {
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case MULTIPLY -> {
                out[0] = ar * br - ai * bi;
                out[1] = ar * bi + ai * br;
            }
            case DIVIDE -> {
                double d = br * br + bi * bi;
                out[0] = (ar * br + ai * bi) / d;
                out[1] = (ai * br - ar * bi) / d;
            }
            case POWER -> power(ar, ai, br, bi, out);
            case ADD, SUBTRACT, FLOOR_DIVIDE, REMAINDER, MAXIMUM, MINIMUM, EQUAL, NOT_EQUAL, LESS,
                 LESS_EQUAL, GREATER, GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, BITWISE_AND, BITWISE_OR,
                 BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT, ARCTAN2, LOGADDEXP -> throw new IllegalStateException("not a complex64 arithmetic op: " + op);
        }
    }

    /**
     * {@code a ** b} as NumPy computes it: 1 for a zero exponent; for a zero base, 0 when the exponent is
     * real and positive, else NaN; small integer exponents by repeated multiplication (exact where it can
     * be); otherwise {@code exp(b * log(a))} on the principal branch.
     */
    static void power(double ar, double ai, double br, double bi, double[] out) {
        if (br == 0 && bi == 0) {
            out[0] = 1;
            out[1] = 0;
            return;
        }
        if (ar == 0 && ai == 0) {
            boolean zero = br > 0 && bi == 0;
            out[0] = zero ? 0 : Double.NaN;
            out[1] = zero ? 0 : Double.NaN;
            return;
        }
        if (bi == 0 && br == Math.rint(br) && Math.abs(br) <= 100) {
            long e = (long) Math.abs(br);
            double rr = 1, ri = 0, pr = ar, pi = ai;
            while (e != 0) {
                if ((e & 1) != 0) {
                    double t = rr * pr - ri * pi;
                    ri = rr * pi + ri * pr;
                    rr = t;
                }
                double t = pr * pr - pi * pi;
                pi = 2 * pr * pi;
                pr = t;
                e >>= 1;
            }
            if (br < 0) { // 1 / r
                double d = rr * rr + ri * ri;
                rr = rr / d;
                ri = -ri / d;
            }
            out[0] = rr;
            out[1] = ri;
            return;
        }
        double logAbs = Math.log(Math.hypot(ar, ai)), arg = Math.atan2(ai, ar);
        double wr = br * logAbs - bi * arg, wi = br * arg + bi * logAbs;
        double m = Math.exp(wr);
        out[0] = m * Math.cos(wi);
        out[1] = m * Math.sin(wi);
    }
}
