package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.graph.BinaryOp;

/**
 * float32 binary ops with the Vector API. Each op has its own small method with one loop per case
 * (vector-vector, scalar-vector, vector-scalar) so that every loop sees a constant vector operation and
 * compiles on its own; commutative ops and comparisons serve vector-scalar by swapping operands.
 * FLOOR_DIVIDE and REMAINDER run scalar (no vector floor or fmod); the float16/bfloat16 kernels run on
 * these loops too, over widened blocks.
 */
final class BinaryFloat32 implements BinaryContiguous {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int VV = 0, SV = 1, VS = 2;

    private final BinaryOp op;

    BinaryFloat32(BinaryOp op) { this.op = op; }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        long done = vector(op, VV, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(op, a, ai, 1, b, bi, 1, o, oi, done, n);
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        long done = vector(op, SV, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(op, a, ai, 0, b, bi, 1, o, oi, done, n);
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        BinaryOp swapped = BinaryContiguous.swapped(op);
        long done = swapped != null
                ? vector(swapped, SV, b, bi, a, ai, o, oi, S.loopBound(n))
                : vector(op, VS, a, ai, b, bi, o, oi, S.loopBound(n));
        scalar(op, a, ai, 1, b, bi, 0, o, oi, done, n);
    }

    /** Runs the vector loop of {@code op} over {@code [0, up)} and returns how far it got. */
    private static long vector(BinaryOp op, int mode, MemorySegment a, long ai, MemorySegment b, long bi,
                               MemorySegment o, long oi, long up) {
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case ADD -> add(mode, a, ai, b, bi, o, oi, up);
            case SUBTRACT -> subtract(mode, a, ai, b, bi, o, oi, up);
            case MULTIPLY -> multiply(mode, a, ai, b, bi, o, oi, up);
            case DIVIDE -> divide(mode, a, ai, b, bi, o, oi, up);
            case MAXIMUM -> maximum(mode, a, ai, b, bi, o, oi, up);
            case MINIMUM -> minimum(mode, a, ai, b, bi, o, oi, up);
            case POWER -> power(mode, a, ai, b, bi, o, oi, up);
            case ARCTAN2 -> arctan2(mode, a, ai, b, bi, o, oi, up);
            case LOGADDEXP -> logaddexp(mode, a, ai, b, bi, o, oi, up);
            case EQUAL -> equal(mode, a, ai, b, bi, o, oi, up);
            case NOT_EQUAL -> notEqual(mode, a, ai, b, bi, o, oi, up);
            case LESS -> less(mode, a, ai, b, bi, o, oi, up);
            case LESS_EQUAL -> lessEqual(mode, a, ai, b, bi, o, oi, up);
            case GREATER -> greater(mode, a, ai, b, bi, o, oi, up);
            case GREATER_EQUAL -> greaterEqual(mode, a, ai, b, bi, o, oi, up);
            case LOGICAL_AND -> logicalAnd(mode, a, ai, b, bi, o, oi, up);
            case LOGICAL_OR -> logicalOr(mode, a, ai, b, bi, o, oi, up);
            case FLOOR_DIVIDE, REMAINDER, BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT -> { return 0; } // FLOOR_DIVIDE, REMAINDER: scalar
        }
        return up;
    }

    private static FloatVector ld(MemorySegment s, long i) {
        return FloatVector.fromMemorySegment(S, s, i * Float.BYTES, NATIVE);
    }

    private static void st(FloatVector v, MemorySegment s, long i) { v.intoMemorySegment(s, i * Float.BYTES, NATIVE); }

    private static FloatVector bc(MemorySegment s, long i) { return FloatVector.broadcast(S, s.getAtIndex(F, i)); }

    private static void add(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).add(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.add(ld(b, bi + i)), o, oi + i); }
    }

    private static void multiply(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).mul(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.mul(ld(b, bi + i)), o, oi + i); }
    }

    private static void maximum(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).max(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.max(ld(b, bi + i)), o, oi + i); }
    }

    private static void minimum(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(ld(a, ai + i).min(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.min(ld(b, bi + i)), o, oi + i); }
    }

    private static void subtract(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(ld(a, ai + i).sub(ld(b, bi + i)), o, oi + i); }
            case SV -> { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.sub(ld(b, bi + i)), o, oi + i); }
            default -> { FloatVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(ld(a, ai + i).sub(y), o, oi + i); }
        }
    }

    private static void divide(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(ld(a, ai + i).div(ld(b, bi + i)), o, oi + i); }
            case SV -> { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.div(ld(b, bi + i)), o, oi + i); }
            default -> { FloatVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(ld(a, ai + i).div(y), o, oi + i); }
        }
    }

    private static void power(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var op = VectorOperators.POW;
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(op, ld(b, bi + i)), o, oi + i); }
            case SV -> { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.lanewise(op, ld(b, bi + i)), o, oi + i); }
            default -> { FloatVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(op, y), o, oi + i); }
        }
    }

    private static void arctan2(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var op = VectorOperators.ATAN2;
        switch (mode) {
            case VV -> { for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(op, ld(b, bi + i)), o, oi + i); }
            case SV -> { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(x.lanewise(op, ld(b, bi + i)), o, oi + i); }
            default -> { FloatVector y = bc(b, bi); for (long i = 0; i < up; i += L) st(ld(a, ai + i).lanewise(op, y), o, oi + i); }
        }
    }

    private static void logaddexp(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) st(logaddexp(ld(a, ai + i), ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) st(logaddexp(x, ld(b, bi + i)), o, oi + i); }
    }

    /** {@code max + log1p(exp(min - max))}; the max itself where an input is -inf or the max is +inf (NaN stays NaN). */
    private static FloatVector logaddexp(FloatVector x, FloatVector y) {
        FloatVector hi = x.max(y), lo = x.min(y);
        FloatVector r = hi.add(lo.sub(hi).lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
        return r.blend(hi, lo.eq(Float.NEGATIVE_INFINITY).or(hi.eq(Float.POSITIVE_INFINITY)));
    }

    private static void equal(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).eq(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.eq(ld(b, bi + i)), o, oi + i); }
    }

    private static void notEqual(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var ne = VectorOperators.NE;
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ne, ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ne, ld(b, bi + i)), o, oi + i); }
    }

    private static void less(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).lt(ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.lt(ld(b, bi + i)), o, oi + i); }
    }

    private static void lessEqual(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var le = VectorOperators.LE;
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(le, ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(le, ld(b, bi + i)), o, oi + i); }
    }

    private static void greater(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var gt = VectorOperators.GT;
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(gt, ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(gt, ld(b, bi + i)), o, oi + i); }
    }

    private static void greaterEqual(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        var ge = VectorOperators.GE;
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(ld(a, ai + i).compare(ge, ld(b, bi + i)), o, oi + i);
        else { FloatVector x = bc(a, ai); for (long i = 0; i < up; i += L) BinaryMasks.store(x.compare(ge, ld(b, bi + i)), o, oi + i); }
    }

    private static VectorMask<Float> nonZero(FloatVector v) { return v.compare(VectorOperators.NE, 0f); }

    private static void logicalAnd(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(nonZero(ld(a, ai + i)).and(nonZero(ld(b, bi + i))), o, oi + i);
        else { VectorMask<Float> x = nonZero(bc(a, ai)); for (long i = 0; i < up; i += L) BinaryMasks.store(x.and(nonZero(ld(b, bi + i))), o, oi + i); }
    }

    private static void logicalOr(int mode, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long up) {
        if (mode == VV) for (long i = 0; i < up; i += L) BinaryMasks.store(nonZero(ld(a, ai + i)).or(nonZero(ld(b, bi + i))), o, oi + i);
        else { VectorMask<Float> x = nonZero(bc(a, ai)); for (long i = 0; i < up; i += L) BinaryMasks.store(x.or(nonZero(ld(b, bi + i))), o, oi + i); }
    }

    /** Elements {@code [from, n)} one at a time ({@code as}, {@code bs} are 0 or 1). */
    private static void scalar(BinaryOp op, MemorySegment a, long ai, long as, MemorySegment b, long bi, long bs,
                               MemorySegment o, long oi, long from, long n) {
        if (op.producesBool()) {
            for (long k = from; k < n; k++) {
                boolean r = BinaryMath.test(op, a.getAtIndex(F, ai + k * as), b.getAtIndex(F, bi + k * bs));
                o.set(ValueLayout.JAVA_BYTE, oi + k, (byte) (r ? 1 : 0));
            }
            return;
        }
        // Floor division and remainder get a plain loop each (no vector loop, no dispatch per element);
        // every other op reaches here only for vector tails: its scalar semantics.
        if (op == BinaryOp.FLOOR_DIVIDE) {
            for (long k = from; k < n; k++) {
                o.setAtIndex(F, oi + k, (float) Math.floor(a.getAtIndex(F, ai + k * as) / b.getAtIndex(F, bi + k * bs)));
            }
        } else if (op == BinaryOp.REMAINDER) {
            for (long k = from; k < n; k++) {
                o.setAtIndex(F, oi + k, BinaryMath.remainder(a.getAtIndex(F, ai + k * as), b.getAtIndex(F, bi + k * bs)));
            }
        } else {
            for (long k = from; k < n; k++) {
                o.setAtIndex(F, oi + k, apply(op, a.getAtIndex(F, ai + k * as), b.getAtIndex(F, bi + k * bs)));
            }
        }
    }

    /**
     * One element of an arithmetic op: {@link BinaryOp#applyReal} rounded to float32, but floor division and
     * remainder in float arithmetic, as their loops compute them.
     */
    static float apply(BinaryOp op, float x, float y) {
        if (op == BinaryOp.FLOOR_DIVIDE) return (float) Math.floor(x / y);
        if (op == BinaryOp.REMAINDER) return BinaryMath.remainder(x, y);
        return (float) op.applyReal(x, y);
    }
}
