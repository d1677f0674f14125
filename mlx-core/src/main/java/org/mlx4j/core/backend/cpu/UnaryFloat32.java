package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Contiguous float32 unary kernels with the Vector API. The transcendental functions the JDK
 * intrinsifies (exp, log, sin, ...) map to {@code lanewise}; log2, the inverse hyperbolics, erf,
 * sigmoid and rounding are composed here. Every op has its own loop so that the vector operator is
 * a constant the JIT can compile to vector code.
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

    /** Applies {@code op} to {@code n} floats at byte {@code ab} of {@code a}, writing at byte {@code ob} of {@code o}. */
    static void apply(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        if (op == UnaryOp.ERFINV) { // scalar double-precision path, refined to within an ulp
            for (long i = 0; i < n; i++) o.set(F32, ob + 4 * i, MathFunctions.erfinv(a.get(F32, ab + 4 * i)));
            return;
        }
        long bound = S.loopBound(n);
        body(op, a, ab, o, ob, bound);
        int rest = (int) (n - bound);
        if (rest > 0) { // the tail runs as one zero-padded vector
            int outSize = op.isPredicate() ? 1 : 4;
            MemorySegment in = MemorySegment.ofArray(new float[L]);
            MemorySegment out = MemorySegment.ofArray(new float[L]);
            MemorySegment.copy(a, ab + 4 * bound, in, 0, 4L * rest);
            body(op, in, 0, out, 0, L);
            MemorySegment.copy(out, 0, o, ob + outSize * bound, (long) outSize * rest);
        }
    }

    private static FloatVector c(float v) { return FloatVector.broadcast(S, v); }

    private static FloatVector ld(MemorySegment s, long b, long i) { return FloatVector.fromMemorySegment(S, s, b + 4 * i, NO); }

    private static void st(FloatVector v, MemorySegment s, long b, long i) { v.intoMemorySegment(s, b + 4 * i, NO); }

    /** Stores a mask as BOOL bytes (0 or 1). */
    private static void stMask(VectorMask<Float> m, MemorySegment s, long b, long i) {
        if (B != null) {
            ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(s, b + i, NO);
        } else {
            long bits = m.toLong();
            for (int k = 0; k < L; k++) s.set(ValueLayout.JAVA_BYTE, b + i + k, (byte) ((bits >>> k) & 1));
        }
    }

    /** {@code n} is a multiple of {@link #L}. */
    private static void body(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        switch (op) {
            case ABS -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).abs(), o, ob, i); }
            case NEGATIVE -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).neg(), o, ob, i); }
            case SIGN -> { for (long i = 0; i < n; i += L) st(sign(ld(a, ab, i)), o, ob, i); }
            case SQRT -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).sqrt(), o, ob, i); }
            case RSQRT -> { for (long i = 0; i < n; i += L) st(FloatVector.broadcast(S, 1f).div(ld(a, ab, i).sqrt()), o, ob, i); }
            case SQUARE -> { for (long i = 0; i < n; i += L) { FloatVector x = ld(a, ab, i); st(x.mul(x), o, ob, i); } }
            case RECIPROCAL -> { for (long i = 0; i < n; i += L) st(FloatVector.broadcast(S, 1f).div(ld(a, ab, i)), o, ob, i); }
            case EXP -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.EXP), o, ob, i); }
            case EXPM1 -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.EXPM1), o, ob, i); }
            case LOG -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.LOG), o, ob, i); }
            case LOG2 -> { for (long i = 0; i < n; i += L) st(log2(ld(a, ab, i)), o, ob, i); }
            case LOG10 -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.LOG10), o, ob, i); }
            case LOG1P -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.LOG1P), o, ob, i); }
            case SIN -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.SIN), o, ob, i); }
            case COS -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.COS), o, ob, i); }
            case TAN -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.TAN), o, ob, i); }
            case ARCSIN -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.ASIN), o, ob, i); }
            case ARCCOS -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.ACOS), o, ob, i); }
            case ARCTAN -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.ATAN), o, ob, i); }
            case SINH -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.SINH), o, ob, i); }
            case COSH -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.COSH), o, ob, i); }
            case TANH -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).lanewise(VectorOperators.TANH), o, ob, i); }
            case ARCSINH -> { for (long i = 0; i < n; i += L) st(asinh(ld(a, ab, i)), o, ob, i); }
            case ARCCOSH -> { for (long i = 0; i < n; i += L) st(acosh(ld(a, ab, i)), o, ob, i); }
            case ARCTANH -> { for (long i = 0; i < n; i += L) st(atanh(ld(a, ab, i)), o, ob, i); }
            case FLOOR -> { for (long i = 0; i < n; i += L) st(floor(ld(a, ab, i)), o, ob, i); }
            case CEIL -> { for (long i = 0; i < n; i += L) st(ceil(ld(a, ab, i)), o, ob, i); }
            case ROUND -> { for (long i = 0; i < n; i += L) st(rint(ld(a, ab, i)), o, ob, i); }
            case ERF -> { for (long i = 0; i < n; i += L) st(erf(ld(a, ab, i)), o, ob, i); }
            case SIGMOID -> { for (long i = 0; i < n; i += L) st(sigmoid(ld(a, ab, i)), o, ob, i); }
            case ISNAN -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_NAN), o, ob, i); }
            case ISINF -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_INFINITE), o, ob, i); }
            case ISFINITE -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_FINITE), o, ob, i); }
            case LOGICAL_NOT -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).compare(VectorOperators.EQ, 0f), o, ob, i); }
            default -> throw new IllegalArgumentException(op.opName() + " is not defined for float32");
        }
    }

    /** -1, 0 or 1; +0 for both zeros, NaN stays NaN. */
    static FloatVector sign(FloatVector x) {
        FloatVector zero = FloatVector.zero(S);
        return zero.blend(1f, x.compare(VectorOperators.GT, 0f))
                .blend(-1f, x.compare(VectorOperators.LT, 0f))
                .blend(x, x.test(VectorOperators.IS_NAN));
    }

    static FloatVector copySign(FloatVector magnitude, FloatVector sign) {
        IntVector m = magnitude.reinterpretAsInts().and(0x7fffffff);
        return m.or(sign.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /** Round half to even. Adding and subtracting 2^23 rounds in the default mode; large values are already integral. */
    static FloatVector rint(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector r = copySign(a.add(0x1p23f).sub(0x1p23f), x);
        return x.blend(r, a.compare(VectorOperators.LT, 0x1p23f));
    }

    static FloatVector floor(FloatVector x) {
        FloatVector r = rint(x);
        r = r.sub(1f, r.compare(VectorOperators.GT, x));
        return copySign(r, x);
    }

    static FloatVector ceil(FloatVector x) {
        FloatVector r = rint(x);
        r = r.add(1f, r.compare(VectorOperators.LT, x));
        return copySign(r, x);
    }

    /** e + log(m)/ln2 with m in [sqrt(1/2), sqrt(2)], so powers of two are exact; other inputs use log(x)/ln2. */
    static FloatVector log2(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        IntVector mbits = bits.and(0x007fffff).or(0x3f800000);
        VectorMask<Integer> high = mbits.compare(VectorOperators.GT, 0x3fb504f3);
        mbits = mbits.sub(0x00800000, high);
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(127).add(1, high);
        FloatVector m = mbits.reinterpretAsFloats();
        FloatVector normal = m.lanewise(VectorOperators.LOG).fma(c((float) MathFunctions.INV_LN2),
                (FloatVector) e.convert(VectorOperators.I2F, 0));
        FloatVector other = x.lanewise(VectorOperators.LOG).mul((float) MathFunctions.INV_LN2);
        VectorMask<Integer> isNormal = bits.compare(VectorOperators.GE, 0x00800000).and(bits.compare(VectorOperators.LT, 0x7f800000));
        return other.blend(normal, isNormal.cast(S));
    }

    static FloatVector asinh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector t = a.mul(a);
        FloatVector small = a.add(t.div(t.add(1f).sqrt().add(1f))).lanewise(VectorOperators.LOG1P);
        FloatVector large = a.lanewise(VectorOperators.LOG).add((float) MathFunctions.LN2);
        return copySign(small.blend(large, a.compare(VectorOperators.GT, 0x1p12f)), x);
    }

    static FloatVector acosh(FloatVector x) {
        FloatVector t = x.sub(1f);
        FloatVector near = t.add(t.fma(t, t.mul(2f)).sqrt()).lanewise(VectorOperators.LOG1P);
        FloatVector mid = x.mul(2f).sub(FloatVector.broadcast(S, 1f).div(x.add(x.fma(x, c(-1f)).sqrt())))
                .lanewise(VectorOperators.LOG);
        FloatVector large = x.lanewise(VectorOperators.LOG).add((float) MathFunctions.LN2);
        FloatVector r = near.blend(mid, x.compare(VectorOperators.GT, 2f)).blend(large, x.compare(VectorOperators.GT, 0x1p12f));
        return r.blend(Float.NaN, x.compare(VectorOperators.LT, 1f));
    }

    static FloatVector atanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector oneMinus = FloatVector.broadcast(S, 1f).sub(a);
        FloatVector twoA = a.add(a);
        FloatVector small = twoA.add(twoA.mul(a).div(oneMinus)).lanewise(VectorOperators.LOG1P);
        FloatVector large = twoA.div(oneMinus).lanewise(VectorOperators.LOG1P);
        return copySign(small.blend(large, a.compare(VectorOperators.GE, 0.5f)).mul(0.5f), x);
    }

    /**
     * erf in float32 within 1 ulp: x + x*P(x^2) up to 0.921875, then 1 - exp(Q(|x|)) with |x| clamped
     * at 4 (erf rounds to 1 from 3.92 on). P and Q are Chebyshev fits made with mpmath.
     */
    static FloatVector erf(FloatVector x) {
        FloatVector s = x.mul(x);
        FloatVector p = s.fma(8.387591e-05f, -0.00081472023f);
        p = p.fma(s, c(0.005201467f));
        p = p.fma(s, c(-0.026859593f));
        p = p.fma(s, c(0.112836994f));
        p = p.fma(s, c(-0.37612635f));
        p = p.fma(s, c(0.12837917f));
        FloatVector small = x.fma(p, x);
        FloatVector a = x.abs();
        FloatVector t = a.min(4f);
        FloatVector q = t.fma(-5.2118402e-08f, 2.769339e-06f);
        q = q.fma(t, c(-5.6694014e-05f));
        q = q.fma(t, c(0.0006533819f));
        q = q.fma(t, c(-0.004946922f));
        q = q.fma(t, c(0.026820472f));
        q = q.fma(t, c(-0.11062677f));
        q = q.fma(t, c(-0.6313637f));
        q = q.fma(t, c(-1.1304522f));
        q = q.fma(t, c(0.00036415f));
        FloatVector large = copySign(FloatVector.broadcast(S, 1f).sub(q.lanewise(VectorOperators.EXP)), x);
        return small.blend(large, a.compare(VectorOperators.GT, 0.921875f));
    }

    /** 1/(1+e^-x) for x >= 0 and e^x/(1+e^x) below, both from e = exp(-|x|), so nothing overflows. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector r = FloatVector.broadcast(S, 1f).div(e.add(1f));
        return r.blend(e.mul(r), x.compare(VectorOperators.LT, 0f));
    }
}
