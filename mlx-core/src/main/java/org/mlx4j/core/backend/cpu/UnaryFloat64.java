package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Contiguous float64 unary kernels with the Vector API, the double-precision twin of
 * {@link UnaryFloat32}. erf and erfinv run the scalar {@link MathFunctions}.
 */
final class UnaryFloat64 {
    private UnaryFloat64() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Bytes with one lane per double lane; null where that would be narrower than the smallest vector. */
    private static final VectorSpecies<Byte> B = S.vectorBitSize() >= 512
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(S.vectorBitSize() / 8)) : null;
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    static void apply(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        if (op == UnaryOp.ERF || op == UnaryOp.ERFINV) {
            boolean erf = op == UnaryOp.ERF;
            for (long i = 0; i < n; i++) {
                double x = a.get(F64, ab + 8 * i);
                o.set(F64, ob + 8 * i, erf ? MathFunctions.erf(x) : MathFunctions.erfinv(x));
            }
            return;
        }
        long bound = S.loopBound(n);
        body(op, a, ab, o, ob, bound);
        int rest = (int) (n - bound);
        if (rest > 0) { // the tail runs as one zero-padded vector
            int outSize = op.isPredicate() ? 1 : 8;
            MemorySegment in = MemorySegment.ofArray(new double[L]);
            MemorySegment out = MemorySegment.ofArray(new double[L]);
            MemorySegment.copy(a, ab + 8 * bound, in, 0, 8L * rest);
            body(op, in, 0, out, 0, L);
            MemorySegment.copy(out, 0, o, ob + outSize * bound, (long) outSize * rest);
        }
    }

    private static DoubleVector c(double v) { return DoubleVector.broadcast(S, v); }

    private static DoubleVector ld(MemorySegment s, long b, long i) { return DoubleVector.fromMemorySegment(S, s, b + 8 * i, NO); }

    private static void st(DoubleVector v, MemorySegment s, long b, long i) { v.intoMemorySegment(s, b + 8 * i, NO); }

    /** Stores a mask as BOOL bytes (0 or 1). */
    private static void stMask(VectorMask<Double> m, MemorySegment s, long b, long i) {
        if (B != null) {
            ByteVector.zero(B).blend((byte) 1, m.cast(B)).intoMemorySegment(s, b + i, NO);
        } else {
            long bits = m.toLong();
            for (int k = 0; k < L; k++) s.set(ValueLayout.JAVA_BYTE, b + i + k, (byte) ((bits >>> k) & 1));
        }
    }

    private static DoubleVector one() { return DoubleVector.broadcast(S, 1.0); }

    /** {@code n} is a multiple of {@link #L}. */
    private static void body(UnaryOp op, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        switch (op) {
            case ABS -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).abs(), o, ob, i); }
            case NEGATIVE -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).neg(), o, ob, i); }
            case SIGN -> { for (long i = 0; i < n; i += L) st(sign(ld(a, ab, i)), o, ob, i); }
            case SQRT -> { for (long i = 0; i < n; i += L) st(ld(a, ab, i).sqrt(), o, ob, i); }
            case RSQRT -> { for (long i = 0; i < n; i += L) st(one().div(ld(a, ab, i).sqrt()), o, ob, i); }
            case SQUARE -> { for (long i = 0; i < n; i += L) { DoubleVector x = ld(a, ab, i); st(x.mul(x), o, ob, i); } }
            case RECIPROCAL -> { for (long i = 0; i < n; i += L) st(one().div(ld(a, ab, i)), o, ob, i); }
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
            case SIGMOID -> { for (long i = 0; i < n; i += L) st(sigmoid(ld(a, ab, i)), o, ob, i); }
            case ISNAN -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_NAN), o, ob, i); }
            case ISINF -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_INFINITE), o, ob, i); }
            case ISFINITE -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).test(VectorOperators.IS_FINITE), o, ob, i); }
            case LOGICAL_NOT -> { for (long i = 0; i < n; i += L) stMask(ld(a, ab, i).compare(VectorOperators.EQ, 0.0), o, ob, i); }
            default -> throw new IllegalArgumentException(op.opName() + " is not defined for float64");
        }
    }

    static DoubleVector sign(DoubleVector x) {
        return DoubleVector.zero(S).blend(1.0, x.compare(VectorOperators.GT, 0.0))
                .blend(-1.0, x.compare(VectorOperators.LT, 0.0))
                .blend(x, x.test(VectorOperators.IS_NAN));
    }

    static DoubleVector copySign(DoubleVector magnitude, DoubleVector sign) {
        LongVector m = magnitude.reinterpretAsLongs().and(Long.MAX_VALUE);
        return m.or(sign.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }

    /** Round half to even via the 2^52 trick; larger values are already integral. */
    static DoubleVector rint(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector r = copySign(a.add(0x1p52).sub(0x1p52), x);
        return x.blend(r, a.compare(VectorOperators.LT, 0x1p52));
    }

    static DoubleVector floor(DoubleVector x) {
        DoubleVector r = rint(x);
        return copySign(r.sub(1.0, r.compare(VectorOperators.GT, x)), x);
    }

    static DoubleVector ceil(DoubleVector x) {
        DoubleVector r = rint(x);
        return copySign(r.add(1.0, r.compare(VectorOperators.LT, x)), x);
    }

    static DoubleVector log2(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector mbits = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L);
        VectorMask<Long> high = mbits.compare(VectorOperators.GT, 0x3ff6a09e667f3bcdL);
        mbits = mbits.sub(0x0010000000000000L, high);
        LongVector e = bits.lanewise(VectorOperators.LSHR, 52).sub(1023).add(1, high);
        DoubleVector normal = mbits.reinterpretAsDoubles().lanewise(VectorOperators.LOG)
                .fma(c(MathFunctions.INV_LN2), (DoubleVector) e.convert(VectorOperators.L2D, 0));
        DoubleVector other = x.lanewise(VectorOperators.LOG).mul(MathFunctions.INV_LN2);
        VectorMask<Long> isNormal = bits.compare(VectorOperators.GE, 0x0010000000000000L)
                .and(bits.compare(VectorOperators.LT, 0x7ff0000000000000L));
        return other.blend(normal, isNormal.cast(S));
    }

    static DoubleVector asinh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector t = a.mul(a);
        DoubleVector small = a.add(t.div(t.add(1.0).sqrt().add(1.0))).lanewise(VectorOperators.LOG1P);
        DoubleVector large = a.lanewise(VectorOperators.LOG).add(MathFunctions.LN2);
        return copySign(small.blend(large, a.compare(VectorOperators.GT, 0x1p28)), x);
    }

    static DoubleVector acosh(DoubleVector x) {
        DoubleVector t = x.sub(1.0);
        DoubleVector near = t.add(t.fma(t, t.mul(2.0)).sqrt()).lanewise(VectorOperators.LOG1P);
        DoubleVector mid = x.mul(2.0).sub(one().div(x.add(x.fma(x, c(-1.0)).sqrt()))).lanewise(VectorOperators.LOG);
        DoubleVector large = x.lanewise(VectorOperators.LOG).add(MathFunctions.LN2);
        DoubleVector r = near.blend(mid, x.compare(VectorOperators.GT, 2.0)).blend(large, x.compare(VectorOperators.GT, 0x1p28));
        return r.blend(Double.NaN, x.compare(VectorOperators.LT, 1.0));
    }

    static DoubleVector atanh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector oneMinus = one().sub(a);
        DoubleVector twoA = a.add(a);
        DoubleVector small = twoA.add(twoA.mul(a).div(oneMinus)).lanewise(VectorOperators.LOG1P);
        DoubleVector large = twoA.div(oneMinus).lanewise(VectorOperators.LOG1P);
        return copySign(small.blend(large, a.compare(VectorOperators.GE, 0.5)).mul(0.5), x);
    }

    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector r = one().div(e.add(1.0));
        return r.blend(e.mul(r), x.compare(VectorOperators.LT, 0.0));
    }
}
