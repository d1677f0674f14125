package org.mlx4j.core.backend.cpu;

import static jdk.incubator.vector.VectorOperators.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Contiguous float64 unary kernels with the Vector API, the double-precision twin of
 * {@link UnaryFloat32} (same structure and the same reasons for it). erf is vectorised as in float32, from
 * the double-precision pieces of {@link MathFunctions#erf} (every piece computed, then blended); erfinv
 * runs the scalar {@link MathFunctions#erfinv}, as in float32 (its Halley steps branch per element).
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
        if (op == UnaryOp.ERFINV) { // scalar, as in float32: Halley steps on erf/erfc, branching per element
            for (long i = 0; i < n; i++) o.set(F64, ob + 8 * i, MathFunctions.erfinv(a.get(F64, ab + 8 * i)));
            return;
        }
        Loop body = LOOPS[op.ordinal()];
        if (body == null) throw new IllegalArgumentException(op.opName() + " is not defined for float64");
        long bound = S.loopBound(n);
        body.run(a, ab, o, ob, bound);
        int rest = (int) (n - bound);
        if (rest > 0) { // the tail runs as one zero-padded vector
            int outSize = op.isPredicate() ? 1 : 8;
            MemorySegment in = MemorySegment.ofArray(new double[L]);
            MemorySegment out = MemorySegment.ofArray(new double[L]);
            MemorySegment.copy(a, ab + 8 * bound, in, 0, 8L * rest);
            body.run(in, 0, out, 0, L);
            MemorySegment.copy(out, 0, o, ob + outSize * bound, (long) outSize * rest);
        }
    }

    private static Loop loop(UnaryOp op) {
        return switch (op) {
            case ABS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.abs();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case NEGATIVE -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.neg();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SIGN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = DoubleVector.zero(S).blend(1.0, x.compare(GT, 0.0)).blend(-1.0, x.compare(LT, 0.0)); // NaN gives 0, as MLX's (x > 0) - (x < 0)
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SQRT -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.sqrt();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case RSQRT -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = DoubleVector.broadcast(S, 1.0).div(x.sqrt());
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SQUARE -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.mul(x);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case RECIPROCAL -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = DoubleVector.broadcast(S, 1.0).div(x);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case EXP -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(EXP);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case EXPM1 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(EXPM1);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case LOG -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(LOG);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case LOG2 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    LongVector bits = x.reinterpretAsLongs();
                    LongVector mbits = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L);
                    VectorMask<Long> high = mbits.compare(GT, 0x3ff6a09e667f3bcdL);
                    LongVector e = bits.lanewise(LSHR, 52).sub(1023).add(1, high);
                    DoubleVector normal = mbits.sub(0x0010000000000000L, high).reinterpretAsDoubles().lanewise(LOG).fma(DoubleVector.broadcast(S, MathFunctions.INV_LN2), (DoubleVector) e.convert(L2D, 0));
                    VectorMask<Long> isNormal = bits.compare(GE, 0x0010000000000000L).and(bits.compare(LT, 0x7ff0000000000000L));
                    DoubleVector r = x.lanewise(LOG).mul(MathFunctions.INV_LN2).blend(normal, isNormal.cast(S));
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case LOG10 -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(LOG10);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case LOG1P -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(LOG1P);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SIN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(SIN);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case COS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(COS);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case TAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(TAN);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCSIN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(ASIN);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCCOS -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(ACOS);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCTAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(ATAN);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SINH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(SINH);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case COSH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(COSH);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case TANH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector r = x.lanewise(TANH);
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCSINH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector t = ax.mul(ax);
                    DoubleVector small = ax.add(t.div(t.add(1.0).sqrt().add(1.0))).lanewise(LOG1P);
                    DoubleVector large = ax.lanewise(LOG).add(MathFunctions.LN2);
                    DoubleVector m = small.blend(large, ax.compare(GT, 0x1p28));
                    DoubleVector r = m.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCCOSH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector t = x.sub(1.0);
                    DoubleVector near = t.add(t.fma(t, t.mul(2.0)).sqrt()).lanewise(LOG1P);
                    DoubleVector mid = x.mul(2.0).sub(DoubleVector.broadcast(S, 1.0).div(x.add(x.fma(x, DoubleVector.broadcast(S, -1.0)).sqrt()))).lanewise(LOG);
                    DoubleVector large = x.lanewise(LOG).add(MathFunctions.LN2);
                    DoubleVector r = near.blend(mid, x.compare(GT, 2.0)).blend(large, x.compare(GT, 0x1p28)).blend(Double.NaN, x.compare(LT, 1.0));
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ARCTANH -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector oneMinus = DoubleVector.broadcast(S, 1.0).sub(ax);
                    DoubleVector twoA = ax.add(ax);
                    DoubleVector small = twoA.add(twoA.mul(ax).div(oneMinus)).lanewise(LOG1P);
                    DoubleVector large = twoA.div(oneMinus).lanewise(LOG1P);
                    DoubleVector m = small.blend(large, ax.compare(GE, 0.5)).mul(0.5);
                    DoubleVector r = m.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case FLOOR -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector t = x.blend(ax.add(0x1p52).sub(0x1p52).reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles(), ax.compare(LT, 0x1p52));
                    t = t.sub(1.0, t.compare(GT, x));
                    DoubleVector r = t.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case CEIL -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector t = x.blend(ax.add(0x1p52).sub(0x1p52).reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles(), ax.compare(LT, 0x1p52));
                    t = t.add(1.0, t.compare(LT, x));
                    DoubleVector r = t.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ROUND -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector r = x.blend(ax.add(0x1p52).sub(0x1p52).reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles(), ax.compare(LT, 0x1p52));
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ERF -> (a, ab, o, ob, n) -> { // MathFunctions.erf lane by lane: every piece computed, then blended;
                // Horner unrolled by hand (a loop carrying a vector is not kept in registers)
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector ax = x.abs();
                    DoubleVector s = x.mul(x);
                    DoubleVector p = DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[0]);
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[1]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[2]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[3]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[4]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[5]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[6]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[7]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[8]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[9]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[10]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[11]));
                    p = p.fma(s, DoubleVector.broadcast(S, MathFunctions.ERF_SMALL[12]));
                    DoubleVector small = x.fma(p, x);
                    DoubleVector t = ax.max(1.0).min(6.0); // the erfc pieces on [1, 6]; other lanes stay finite
                    DoubleVector u = DoubleVector.broadcast(S, 1.0).div(t);
                    DoubleVector v = u.sub(0.75);
                    DoubleVector near = DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[0]);
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[1]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[2]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[3]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[4]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[5]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[6]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[7]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[8]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[9]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[10]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[11]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[12]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[13]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[14]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[15]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[16]));
                    near = near.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_NEAR[17]));
                    v = u.sub(0.375);
                    DoubleVector mid = DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[0]);
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[1]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[2]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[3]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[4]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[5]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[6]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[7]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[8]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[9]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[10]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[11]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[12]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[13]));
                    mid = mid.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_MID[14]));
                    v = u.sub(0.125);
                    DoubleVector far = DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[0]);
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[1]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[2]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[3]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[4]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[5]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[6]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[7]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[8]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[9]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[10]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[11]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[12]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[13]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[14]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[15]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[16]));
                    far = far.fma(v, DoubleVector.broadcast(S, MathFunctions.ERFCX_FAR[17]));
                    DoubleVector h = far.blend(mid, u.compare(GE, 0.25)).blend(near, u.compare(GE, 0.5));
                    DoubleVector hi = t.mul(t);
                    DoubleVector lo = t.fma(t, hi.neg());
                    DoubleVector erfc = hi.neg().lanewise(EXP).mul(DoubleVector.broadcast(S, 1.0).sub(lo)).mul(h.mul(u));
                    DoubleVector large = DoubleVector.broadcast(S, 1.0).sub(erfc);
                    DoubleVector one = DoubleVector.broadcast(S, 1.0);
                    DoubleVector m = small.blend(large, ax.compare(GE, 1.0)).blend(one, ax.compare(GE, 6.0));
                    DoubleVector r = m.reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case SIGMOID -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    DoubleVector x = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO);
                    DoubleVector e = x.abs().neg().lanewise(EXP);
                    DoubleVector q = DoubleVector.broadcast(S, 1.0).div(e.add(1.0));
                    DoubleVector r = q.blend(e.mul(q), x.compare(LT, 0.0));
                    r.intoMemorySegment(o, ob + 8 * i, NO);
                }
            };
            case ISNAN -> (a, ab, o, ob, n) -> {
                for (long i = 0; i < n; i += L) {
                    VectorMask<Double> m = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO).test(IS_NAN);
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
                    VectorMask<Double> m = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO).test(IS_INFINITE);
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
                    VectorMask<Double> m = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO).test(IS_FINITE);
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
                    VectorMask<Double> m = DoubleVector.fromMemorySegment(S, a, ab + 8 * i, NO).compare(EQ, 0.0);
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
