package org.mlx4j.core.backend.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Contiguous float32 unary kernels with the Vector API. The functions the JDK intrinsifies (exp,
 * log, sin, tanh, ...) map to {@code lanewise}; log2 (exact at powers of two), the inverse
 * hyperbolics, erf, sigmoid (via exp(-|x|), so nothing overflows) and rounding (the 2^23 trick,
 * half to even) are composed here. erfinv runs {@link MathFunctions#erfinv(float)}.
 *
 * <p>erf is x + x*P(x^2) up to 0.921875 and 1 - exp(Q(|x|)) beyond, |x| clamped at 4 where erf
 * rounds to 1; P (degree 6) and Q (degree 9) are Chebyshev fits made with mpmath, within 1 ulp.
 *
 * <p>Each op is a self-contained lambda: one compiled method per loop, with no helper methods
 * taking or returning vectors. A method holding every loop outgrows the JIT's inlining budget, and
 * a vector helper once compiled on its own stops being inlined; either way the vectors get boxed and
 * the loop runs ten times slower.
 */
final class UnaryFloat32 {
    private UnaryFloat32() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Bytes with one lane per float lane; null where that would be narrower than the smallest vector. */
    private static final VectorSpecies<Byte> B = S.vectorBitSize() >= 256
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(S.vectorBitSize() / 4)) : null;
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** A loop over {@code n} elements, {@code n} a multiple of {@link #L}. */
    @FunctionalInterface
    interface Loop {
        void run(MemorySegment a, long ab, MemorySegment o, long ob, long n);
    }

    private static final Loop[] LOOPS = new Loop[UnaryOp.values().length];

    static {
        for (UnaryOp op : UnaryOp.values()) LOOPS[op.ordinal()] = loop(op);
    }

    /** Applies {@code op} to {@code n} floats at byte {@code ab} of {@code a}, writing at byte {@code ob} of {@code o}. */
    static void apply(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        if (op == UnaryOp.ERFINV) { // scalar double-precision path, refined to within an ulp
            for (long i = 0; i < n; i++) o.set(F32, ob + 4 * i, MathFunctions.erfinv(a.get(F32, ab + 4 * i)));
            return;
        }
        Loop body = LOOPS[op.ordinal()];
        if (body == null) throw new IllegalArgumentException(op.opName() + " is not defined for float32");
        long bound = S.loopBound(n);
        body.run(a, ab, o, ob, bound);
        int rest = (int) (n - bound);
        if (rest > 0) { // the tail runs as one zero-padded vector
            int outSize = op.isPredicate() ? 1 : 4;
            MemorySegment in = MemorySegment.ofArray(new float[L]);
            MemorySegment out = MemorySegment.ofArray(new float[L]);
            MemorySegment.copy(a, ab + 4 * bound, in, 0, 4L * rest);
            body.run(in, 0, out, 0, L);
            MemorySegment.copy(out, 0, o, ob + outSize * bound, (long) outSize * rest);
        }
    }

    private static Loop loop(UnaryOp op) {
        return switch (op) {
            case ABS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.abs();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case NEGATIVE -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.neg();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SIGN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = FloatVector.zero(S).blend(1f, x.compare(GT, 0f)).blend(-1f, x.compare(LT, 0f)); // NaN gives 0, as MLX's (x > 0) - (x < 0)
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SQRT -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.sqrt();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case RSQRT -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = FloatVector.broadcast(S, 1f).div(x.sqrt());
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SQUARE -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.mul(x);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case RECIPROCAL -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = FloatVector.broadcast(S, 1f).div(x);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case EXP -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(EXP);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case EXPM1 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(EXPM1);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case LOG -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(LOG);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case LOG2 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    IntVector bits = x.reinterpretAsInts();
                    IntVector mbits = bits.and(0x007fffff).or(0x3f800000);
                    VectorMask<Integer> high = mbits.compare(GT, 0x3fb504f3);
                    IntVector e = bits.lanewise(LSHR, 23).sub(127).add(1, high);
                    FloatVector normal = mbits.sub(0x00800000, high).reinterpretAsFloats().lanewise(LOG).fma(FloatVector.broadcast(S, (float) MathFunctions.INV_LN2), (FloatVector) e.convert(I2F, 0));
                    VectorMask<Integer> isNormal = bits.compare(GE, 0x00800000).and(bits.compare(LT, 0x7f800000));
                    FloatVector r = x.lanewise(LOG).mul((float) MathFunctions.INV_LN2).blend(normal, isNormal.cast(S));
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case LOG10 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(LOG10);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case LOG1P -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(LOG1P);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SIN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(SIN);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case COS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(COS);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case TAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(TAN);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCSIN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(ASIN);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCCOS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(ACOS);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCTAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(ATAN);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SINH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(SINH);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case COSH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(COSH);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case TANH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector r = x.lanewise(TANH);
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCSINH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector ax = x.abs();
                    FloatVector t = ax.mul(ax);
                    FloatVector small = ax.add(t.div(t.add(1f).sqrt().add(1f))).lanewise(LOG1P);
                    FloatVector large = ax.lanewise(LOG).add((float) MathFunctions.LN2);
                    FloatVector m = small.blend(large, ax.compare(GT, 0x1p12f));
                    FloatVector r = m.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCCOSH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector t = x.sub(1f);
                    FloatVector near = t.add(t.fma(t, t.mul(2f)).sqrt()).lanewise(LOG1P);
                    FloatVector mid = x.mul(2f).sub(FloatVector.broadcast(S, 1f).div(x.add(x.fma(x, FloatVector.broadcast(S, -1f)).sqrt()))).lanewise(LOG);
                    FloatVector large = x.lanewise(LOG).add((float) MathFunctions.LN2);
                    FloatVector r = near.blend(mid, x.compare(GT, 2f)).blend(large, x.compare(GT, 0x1p12f)).blend(Float.NaN, x.compare(LT, 1f));
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ARCTANH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector ax = x.abs();
                    FloatVector oneMinus = FloatVector.broadcast(S, 1f).sub(ax);
                    FloatVector twoA = ax.add(ax);
                    FloatVector small = twoA.add(twoA.mul(ax).div(oneMinus)).lanewise(LOG1P);
                    FloatVector large = twoA.div(oneMinus).lanewise(LOG1P);
                    FloatVector m = small.blend(large, ax.compare(GE, 0.5f)).mul(0.5f);
                    FloatVector r = m.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case FLOOR -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector ax = x.abs();
                    FloatVector t = x.blend(ax.add(0x1p23f).sub(0x1p23f).reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats(), ax.compare(LT, 0x1p23f));
                    t = t.sub(1f, t.compare(GT, x));
                    FloatVector r = t.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case CEIL -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector ax = x.abs();
                    FloatVector t = x.blend(ax.add(0x1p23f).sub(0x1p23f).reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats(), ax.compare(LT, 0x1p23f));
                    t = t.add(1f, t.compare(LT, x));
                    FloatVector r = t.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ROUND -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector ax = x.abs();
                    FloatVector r = x.blend(ax.add(0x1p23f).sub(0x1p23f).reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats(), ax.compare(LT, 0x1p23f));
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ERF -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector s = x.mul(x);
                    FloatVector p = s.mul(8.387591e-05f).add(-0.00081472023f);
                    p = p.fma(s, FloatVector.broadcast(S, 0.005201467f));
                    p = p.fma(s, FloatVector.broadcast(S, -0.026859593f));
                    p = p.fma(s, FloatVector.broadcast(S, 0.112836994f));
                    p = p.fma(s, FloatVector.broadcast(S, -0.37612635f));
                    p = p.fma(s, FloatVector.broadcast(S, 0.12837917f));
                    FloatVector small = x.fma(p, x);
                    FloatVector ax = x.abs();
                    FloatVector t = ax.min(4f);
                    FloatVector q = t.mul(-5.2118402e-08f).add(2.769339e-06f);
                    q = q.fma(t, FloatVector.broadcast(S, -5.6694014e-05f));
                    q = q.fma(t, FloatVector.broadcast(S, 0.0006533819f));
                    q = q.fma(t, FloatVector.broadcast(S, -0.004946922f));
                    q = q.fma(t, FloatVector.broadcast(S, 0.026820472f));
                    q = q.fma(t, FloatVector.broadcast(S, -0.11062677f));
                    q = q.fma(t, FloatVector.broadcast(S, -0.6313637f));
                    q = q.fma(t, FloatVector.broadcast(S, -1.1304522f));
                    q = q.fma(t, FloatVector.broadcast(S, 0.00036415f));
                    FloatVector one = FloatVector.broadcast(S, 1f);
                    FloatVector large = one.sub(q.lanewise(EXP)).reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
                    FloatVector r = small.blend(large, ax.compare(GT, 0.921875f));
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case SIGMOID -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    FloatVector x = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO);
                    FloatVector e = x.abs().neg().lanewise(EXP);
                    FloatVector q = FloatVector.broadcast(S, 1f).div(e.add(1f));
                    FloatVector r = q.blend(e.mul(q), x.compare(LT, 0f));
                    r.intoMemorySegment(o, ob + 4 * i, NO);
                }
            };
            case ISNAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    VectorMask<Float> m = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO).test(IS_NAN);
                    if (B != null) {
                        ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(o, ob + i, NO);
                    } else {
                        long bits = m.toLong();
                        for (int k = 0; k < L; k++) o.set(ValueLayout.JAVA_BYTE, ob + i + k, (byte) ((bits >>> k) & 1));
                    }
                }
            };
            case ISINF -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    VectorMask<Float> m = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO).test(IS_INFINITE);
                    if (B != null) {
                        ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(o, ob + i, NO);
                    } else {
                        long bits = m.toLong();
                        for (int k = 0; k < L; k++) o.set(ValueLayout.JAVA_BYTE, ob + i + k, (byte) ((bits >>> k) & 1));
                    }
                }
            };
            case ISFINITE -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    VectorMask<Float> m = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO).test(IS_FINITE);
                    if (B != null) {
                        ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(o, ob + i, NO);
                    } else {
                        long bits = m.toLong();
                        for (int k = 0; k < L; k++) o.set(ValueLayout.JAVA_BYTE, ob + i + k, (byte) ((bits >>> k) & 1));
                    }
                }
            };
            case LOGICAL_NOT -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    VectorMask<Float> m = FloatVector.fromMemorySegment(S, a, ab + 4 * i, NO).compare(EQ, 0f);
                    if (B != null) {
                        ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(o, ob + i, NO);
                    } else {
                        long bits = m.toLong();
                        for (int k = 0; k < L; k++) o.set(ValueLayout.JAVA_BYTE, ob + i + k, (byte) ((bits >>> k) & 1));
                    }
                }
            };
            case ERFINV, BITWISE_INVERT, REAL, IMAG, CONJUGATE -> null;
        };
    }
}
